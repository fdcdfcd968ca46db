//! "Possibly the same person" on a real store: links made at import from the committed
//! fixtures (an updated Word CV of a PDF's candidate, a re-saved Word CV with the same email),
//! confirmed and split by the recruiter, grouped in the library, erased with a resume, and
//! carried by a backup. No file's own records are merged away.

use std::io::{Read, Write};

use shortlist_core::backup;
use shortlist_core::identity::SameBy;
use shortlist_core::store::SamePerson;
use shortlist_core::{IngestOutcome, ResumeId, Store};

use crate::intake::{docx, ingest_docx};
use crate::*;

/// `good/plain.docx` re-saved with one employer renamed: other bytes, the same person (same
/// email and phone).
fn plain_updated() -> Vec<u8> {
    let bytes = docx("good/plain.docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            assert!(xml.contains("Calder Foods Ltd"));
            data = xml
                .replace("Calder Foods Ltd", "Calder Foods plc")
                .into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn added(outcome: IngestOutcome) -> ResumeId {
    match outcome {
        IngestOutcome::Added { resume, .. } => resume.id,
        other => panic!("added: {other:?}"),
    }
}

fn ids(links: &[SamePerson]) -> Vec<&ResumeId> {
    links.iter().map(|l| &l.resume_id).collect()
}

/// Carol's PDF and her updated Word CV (new email, new phone, a new job on top), and Tomasz.
fn carol_twice(store: &Store) -> (ResumeId, ResumeId, ResumeId) {
    let pdf = added(ingest(store, "good/carol_nguyen.pdf").unwrap());
    let stranger = added(ingest_docx(store, "good/two-column.docx").unwrap());
    let word = added(ingest_docx(store, "good/carol-nguyen-2026.docx").unwrap());
    (pdf, word, stranger)
}

#[test]
fn an_updated_word_cv_is_linked_at_import_to_the_pdf_of_the_same_person() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let (pdf, word, stranger) = carol_twice(&store);
    assert_eq!(
        store.same_person(&word).unwrap(),
        [SamePerson {
            resume_id: pdf.clone(),
            reasons: vec![SameBy::NameAndHistory],
            confirmed: false,
        }]
    );
    assert_eq!(ids(&store.same_person(&pdf).unwrap()), [&word]);
    assert!(store.same_person(&stranger).unwrap().is_empty());
    // The library groups them; each file is still its own resume with its own text.
    let mut group = vec![pdf.clone(), word.clone()];
    group.sort();
    assert_eq!(store.person_groups().unwrap(), [group]);
    let library = store.library().unwrap();
    let row = |id: &ResumeId| library.iter().find(|r| &r.resume.id == id).unwrap();
    assert_eq!(row(&pdf).same_person, std::slice::from_ref(&word));
    assert_eq!(row(&word).same_person, std::slice::from_ref(&pdf));
    assert!(row(&stranger).same_person.is_empty());
    assert_eq!(store.resumes().unwrap().len(), 3);
    assert_ne!(
        store.resume_text(&pdf).unwrap(),
        store.resume_text(&word).unwrap()
    );
}

#[test]
fn the_same_email_in_a_re_saved_word_cv_links_them_by_email() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let first = added(ingest_docx(&store, "good/plain.docx").unwrap());
    let reader = reader();
    let second = added(
        store
            .ingest_pdf(
                &tools_with(&reader, PdfLimits::default()),
                "Nadia Varga 2027.docx",
                plain_updated(),
                t(30),
            )
            .unwrap(),
    );
    assert_ne!(first, second);
    let links = store.same_person(&second).unwrap();
    assert_eq!(ids(&links), [&first]);
    assert_eq!(links[0].reasons.first(), Some(&SameBy::Email));
    assert!(links[0].reasons.contains(&SameBy::Phone));
}

#[test]
fn a_confirmed_link_is_kept_and_a_split_one_sticks_on_re_import() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let (pdf, word, stranger) = carol_twice(&store);
    store.link(&word, &pdf).unwrap();
    assert!(store.same_person(&pdf).unwrap()[0].confirmed);
    assert_eq!(
        store.same_person(&pdf).unwrap()[0].reasons,
        [SameBy::NameAndHistory],
        "confirming keeps the reason"
    );
    // The recruiter may also link two files import did not.
    store.link(&stranger, &pdf).unwrap();
    assert_eq!(store.person_groups().unwrap()[0].len(), 3);
    store.unlink(&pdf, &stranger).unwrap();
    store.unlink(&pdf, &word).unwrap();
    assert!(store.same_person(&pdf).unwrap().is_empty());
    assert!(store.person_groups().unwrap().is_empty());
    // Both files again, under other names, and reopened: still two people.
    ingest(&store, "good/carol_nguyen.pdf").unwrap();
    ingest_docx(&store, "good/carol-nguyen-2026.docx").unwrap();
    drop(store);
    let (store, _) = Store::open(dir.path()).unwrap();
    assert!(store.same_person(&pdf).unwrap().is_empty());
    assert!(store.same_person(&word).unwrap().is_empty());
    // Bad requests are typed errors.
    assert_eq!(store.link(&pdf, &pdf).unwrap_err().code(), "invalid_input");
    let unknown = ResumeId::parse("resume_000000000000").unwrap();
    assert_eq!(
        store.unlink(&pdf, &unknown).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn erasing_a_resume_takes_its_links_and_a_backup_carries_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path().join("data")).unwrap();
    let (pdf, word, _) = carol_twice(&store);
    let reader = reader();
    let nadia = added(ingest_docx(&store, "good/plain.docx").unwrap());
    let nadia2 = added(
        store
            .ingest_pdf(
                &tools_with(&reader, PdfLimits::default()),
                "nadia-2027.docx",
                plain_updated(),
                t(30),
            )
            .unwrap(),
    );
    store.unlink(&nadia, &nadia2).unwrap();
    store.erase_resume(&pdf).unwrap();
    assert!(store.same_person(&word).unwrap().is_empty());
    assert!(store.person_groups().unwrap().is_empty());

    // A backup restores the split verdict and the erased link stays gone (the restore checks
    // every link: mirrored, between two stored resumes).
    let archive = tmp.path().join("b.tar");
    store.backup(&archive, t(40)).unwrap();
    let target = tmp.path().join("restored");
    backup::restore(&archive, &target, t(41)).unwrap();
    let (restored, _) = Store::open(&target).unwrap();
    assert!(restored.same_person(&nadia).unwrap().is_empty());
    restored.link(&nadia, &nadia2).unwrap();
    let back = restored.same_person(&nadia2).unwrap();
    assert_eq!(ids(&back), [&nadia]);
    assert!(
        back[0].reasons.contains(&SameBy::Email),
        "the reason survived"
    );
    assert!(restored.same_person(&word).unwrap().is_empty());
    // The erased resume came back under neither store.
    assert!(restored.resume(&pdf).is_err());
}

/// Carol's PDF (added first), Tomasz, and Carol's updated Word CV (added last), each analysed
/// against a job at import.
fn carol_twice_for_a_job(store: &Store) -> (shortlist_core::JobId, ResumeId, ResumeId, ResumeId) {
    let prepared = job_ready(
        store,
        "Fabrikam",
        "Engineer",
        "Requirements:\n- React\n- SQL",
    );
    let reader = reader();
    let tools = tools_for(&reader, &prepared);
    let add = |rel: &str, bytes: Vec<u8>, at: i64| {
        added(store.ingest_pdf(&tools, rel, bytes, t(at)).unwrap())
    };
    let pdf = add("carol_nguyen.pdf", fixture("good/carol_nguyen.pdf"), 1);
    let stranger = add("two-column.docx", docx("good/two-column.docx"), 2);
    let word = add(
        "carol-nguyen-2026.docx",
        docx("good/carol-nguyen-2026.docx"),
        3,
    );
    (prepared.job.id.clone(), pdf, word, stranger)
}

#[test]
fn two_files_of_one_person_are_one_shortlist_row_showing_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let (job, pdf, word, stranger) = carol_twice_for_a_job(&store);
    assert_eq!(store.shortlist(&job, None).unwrap().len(), 3);
    let board = store.board(&job).unwrap();
    // Every file keeps its entry; the person's row shows the newest, the older one under it.
    assert_eq!(board.entries.len(), 3);
    let rows: Vec<_> = board
        .entries
        .iter()
        .filter(|e| e.version_of.is_none())
        .collect();
    assert_eq!(rows.len(), 2, "one row per person");
    let carol = rows.iter().find(|e| e.resume_id != stranger).unwrap();
    assert_eq!(carol.resume_id, word, "the newest file is shown");
    assert_eq!(carol.versions, 2);
    let older = board.entries.iter().find(|e| e.resume_id == pdf).unwrap();
    assert_eq!(older.version_of.as_ref(), Some(&word));
    assert_eq!((older.rank, older.versions), (carol.rank, 2));
    let at = |id: &ResumeId| board.entries.iter().position(|e| &e.resume_id == id);
    assert_eq!(
        at(&pdf),
        at(&word).map(|i| i + 1),
        "the older version follows its row"
    );
    // Ranks count people, in the order the rows stand, and the counts per stage too.
    let ranks: Vec<u32> = rows.iter().map(|e| e.rank).collect();
    assert_eq!(ranks, [1, 2]);
    let tomasz = rows.iter().find(|e| e.resume_id == stranger).unwrap();
    assert_eq!((tomasz.versions, tomasz.version_of.as_ref()), (1, None));
    let people: u32 = board.stages.iter().map(|(_, n)| n).sum();
    assert_eq!(people, 2);
    // The person's row is placed by the score of the file it shows.
    let score = |id: &ResumeId| store.analysis_of(&job, id).unwrap().unwrap().score;
    let first = if rows[0].resume_id == word {
        &word
    } else {
        &stranger
    };
    let second = if first == &word { &stranger } else { &word };
    assert!(score(first) >= score(second));
    // Nothing merged away: each file has its own analysis.
    assert_ne!(
        store.analysis_of(&job, &pdf).unwrap().unwrap().id,
        store.analysis_of(&job, &word).unwrap().unwrap().id
    );
}

#[test]
fn the_windows_shortlist_stands_in_the_boards_order_and_names_no_one_while_blind() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let (job, _pdf, _word, _stranger) = carol_twice_for_a_job(&store);
    let rows = |store: &Store| -> (Vec<serde_json::Value>, shortlist_core::store::Board) {
        let (json, board) = store.shortlist_for_window(&job).unwrap();
        (serde_json::from_str(json.get()).unwrap(), board)
    };
    let (shown, board) = rows(&store);
    // Every file's row, in the board's order (a person's older version right under its row).
    let order: Vec<&str> = shown
        .iter()
        .map(|r| r["resume_id"].as_str().unwrap())
        .collect();
    let board_order: Vec<&str> = board.entries.iter().map(|e| e.resume_id.as_str()).collect();
    assert_eq!(order, board_order);
    assert_eq!(shown.len(), 3);
    // The rows as stored: the same as the plain shortlist's, file by file.
    let plain: Vec<serde_json::Value> =
        serde_json::from_str(store.shortlist_json(&job).unwrap().get()).unwrap();
    for row in &plain {
        assert!(
            shown.contains(row),
            "a row changed on the way to the window"
        );
    }
    assert!(
        shown
            .iter()
            .any(|r| r["name"].as_str().is_some_and(|n| n.contains("Carol"))),
        "the names are shown while not blind"
    );
    // Blind: no name, "Candidate N" by the board's numbers.
    store.set_job_blind(&job, true, t(9)).unwrap();
    let (shown, board) = rows(&store);
    for (row, e) in shown.iter().zip(&board.entries) {
        assert_eq!(
            row["name"],
            shortlist_core::workflow::blind::label(e.number).as_str()
        );
    }
    assert!(!serde_json::to_string(&shown).unwrap().contains("Carol"));
}

#[test]
fn split_files_of_one_person_are_two_shortlist_rows_again() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let (job, pdf, word, _) = carol_twice_for_a_job(&store);
    store.unlink(&pdf, &word).unwrap();
    let board = store.board(&job).unwrap();
    assert!(board
        .entries
        .iter()
        .all(|e| e.version_of.is_none() && e.versions == 1));
    let ranks: Vec<u32> = board.entries.iter().map(|e| e.rank).collect();
    assert_eq!(ranks, [1, 2, 3]);
    assert_eq!(board.stages.iter().map(|(_, n)| n).sum::<u32>(), 3);
    // Confirmed, they are one row again.
    store.link(&pdf, &word).unwrap();
    let board = store.board(&job).unwrap();
    assert_eq!(
        board
            .entries
            .iter()
            .filter(|e| e.version_of.is_none())
            .count(),
        2
    );
}

/// Removes every identity, identity key and link with heed directly, as a store written before
/// identities were recorded holds them.
fn forget_identities(dir: &std::path::Path) {
    use heed::types::Bytes;
    // SAFETY: the store is closed; nothing else has this environment open.
    #[allow(unsafe_code)]
    let env = unsafe { heed::EnvOpenOptions::new().max_dbs(32).open(dir) }.unwrap();
    let done = env
        .create_databases_and_commit(env.write_txn().unwrap(), |dbo, wtxn| {
            for name in ["identities", "identity-keys", "links"] {
                let db = dbo.create_database::<Bytes, Bytes>(wtxn, Some(name))?;
                db.clear(wtxn)?;
            }
            Ok::<_, heed::Error>(heed::CommitOrAbort::<_, ()>::Commit(()))
        })
        .unwrap();
    assert!(!done.is_abort());
    env.prepare_for_closing().wait();
}

#[test]
fn a_phone_link_an_earlier_version_suggested_between_different_people_is_dropped_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, word, stranger) = {
        let (store, _) = Store::open(dir.path()).unwrap();
        carol_twice(&store)
    };
    // An earlier version's rule linked any two resumes of one placeholder number: Carol and a
    // stranger, "suggested", by phone.
    {
        use heed::types::Bytes;
        // SAFETY: the store is closed; nothing else has this environment open.
        #[allow(unsafe_code)]
        let env = unsafe { heed::EnvOpenOptions::new().max_dbs(32).open(dir.path()) }.unwrap();
        let link: &[u8] = br#"{"reasons":["phone"],"state":"suggested"}"#;
        let done = env
            .create_databases_and_commit(env.write_txn().unwrap(), |dbo, wtxn| {
                let db = dbo.create_database::<Bytes, Bytes>(wtxn, Some("links"))?;
                db.put(wtxn, format!("{pdf}/{stranger}").as_bytes(), link)?;
                db.put(wtxn, format!("{stranger}/{pdf}").as_bytes(), link)?;
                Ok::<_, heed::Error>(heed::CommitOrAbort::<_, ()>::Commit(()))
            })
            .unwrap();
        assert!(!done.is_abort());
        env.prepare_for_closing().wait();
    }
    let (store, _) = Store::open(dir.path()).unwrap();
    assert!(
        store.same_person(&stranger).unwrap().is_empty(),
        "the stranger is no longer linked to Carol"
    );
    assert_eq!(ids(&store.same_person(&pdf).unwrap()), [&word]);
    assert_eq!(store.person_groups().unwrap().len(), 1);
    // Confirmed and split links are the recruiter's and stay: nothing more to revise.
    assert_eq!(store.catch_up().unwrap(), (0, 0));
}

#[test]
fn resumes_stored_before_identities_existed_never_linked_until_the_backfill_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, word, stranger) = {
        let (store, _) = Store::open(dir.path()).unwrap();
        let found = carol_twice(&store);
        assert_eq!(ids(&store.same_person(&found.0).unwrap()), [&found.1]);
        found
    };
    forget_identities(dir.path());
    // Reopened: the identities are recorded again and the linker finds Carol's two files.
    let (store, _) = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.same_person(&word).unwrap(),
        [SamePerson {
            resume_id: pdf.clone(),
            reasons: vec![SameBy::NameAndHistory],
            confirmed: false,
        }]
    );
    assert!(store.same_person(&stranger).unwrap().is_empty());
    // Idempotent: nothing left to do, the link stays as it is.
    assert_eq!(store.backfill_identities(t(0).date()).unwrap(), 0);
    assert_eq!(store.person_groups().unwrap().len(), 1);
    drop(store);
    // A split made after the backfill survives the next opens.
    let (store, _) = Store::open(dir.path()).unwrap();
    store.unlink(&pdf, &word).unwrap();
    drop(store);
    let (store, _) = Store::open(dir.path()).unwrap();
    assert!(store.same_person(&word).unwrap().is_empty());
}
