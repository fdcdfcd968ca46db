//! The words half of library search (issue 13, item 3): the inverted index in the store's
//! LMDB environment, kept in the passages' transactions, against the scan of every passage it
//! replaced (kept as the reference), on the fixture PDFs and Word files.

use std::path::Path;

use shortlist_core::{IngestOutcome, ResumeId, Store};

use super::ingest;
use crate::intake::ingest_docx;

const PDFS: [&str; 6] = [
    "good/bob_schmidt_multipage.pdf",
    "good/carol_nguyen.pdf",
    "good/jonas_berg_two_column_rowwise.pdf",
    "good/priya_raman_two_column.pdf",
    "good/wei_zhang_cjk.pdf",
    "good/zoe_lukasiewicz_non_latin.pdf",
];
const DOCX: [&str; 4] = [
    "good/plain.docx",
    "good/two-column.docx",
    "good/textbox-header-footer.docx",
    "good/carol-nguyen-2026.docx",
];

/// Queries of every kind: skills, a name, accents typed without them, words many passages
/// have, a word none has, and a mix.
const QUERIES: [&str; 10] = [
    "Kubernetes",
    "Jonas Berg",
    "Lukasiewicz Odegard",
    "python react",
    "led team migration",
    "data engineering platform",
    "payroll",
    "zzqx nonexistent",
    "Carol design system",
    "experience management customer",
];

fn id_of(outcome: IngestOutcome) -> ResumeId {
    match outcome {
        IngestOutcome::Added { resume, .. } | IngestOutcome::Duplicate { resume, .. } => resume.id,
    }
}

fn library(store: &Store) -> Vec<ResumeId> {
    let mut ids: Vec<ResumeId> = PDFS
        .iter()
        .map(|f| id_of(ingest(store, f).unwrap()))
        .collect();
    ids.extend(DOCX.iter().map(|f| id_of(ingest_docx(store, f).unwrap())));
    ids
}

fn index(store: &Store, q: &str) -> Vec<(ResumeId, u32, f32)> {
    store.words_search_for_bench(q, 50, false, None).unwrap()
}

fn scan(store: &Store, q: &str) -> Vec<(ResumeId, u32, f32)> {
    store.words_search_for_bench(q, 50, true, None).unwrap()
}

type Raw<'e> = heed::Database<'e, heed::types::Bytes, heed::types::Bytes>;

/// Runs `f` on these tables of the closed store at `dir`, with heed directly, in one
/// committed write transaction.
fn raw<T>(
    dir: &Path,
    names: &[&str],
    f: impl for<'e> FnOnce(&mut heed::RwTxn<'e>, &[Raw<'e>]) -> T,
) -> T {
    // SAFETY: the store is closed; nothing else has this environment open.
    #[allow(unsafe_code)]
    let env = unsafe { heed::EnvOpenOptions::new().max_dbs(32).open(dir) }.unwrap();
    let mut out = None;
    let done = env
        .create_databases_and_commit(env.write_txn().unwrap(), |dbo, wtxn| {
            let mut dbs = Vec::new();
            for name in names {
                dbs.push(
                    dbo.create_database::<heed::types::Bytes, heed::types::Bytes>(
                        wtxn,
                        Some(name),
                    )?,
                );
            }
            out = Some(f(wtxn, &dbs));
            Ok::<_, heed::Error>(heed::CommitOrAbort::<_, ()>::Commit(()))
        })
        .unwrap();
    assert!(!done.is_abort());
    env.prepare_for_closing().wait();
    out.unwrap()
}

/// Every key of a table of the closed store at `dir`.
fn keys(dir: &Path, table: &str) -> Vec<Vec<u8>> {
    raw(dir, &[table], |wtxn, dbs| {
        dbs[0]
            .iter(wtxn)
            .unwrap()
            .map(|e| e.unwrap().0.to_vec())
            .collect()
    })
}

#[test]
fn the_words_search_scanned_every_passage_its_index_gives_the_scans_results() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = {
        let (store, _) = Store::open(dir.path()).unwrap();
        let ids = library(&store);
        (store, ids)
    };
    let mut found = 0;
    for q in QUERIES {
        let (i, s) = (index(&store, q), scan(&store, q));
        // Same passages, same order, same scores (bit for bit: the same statistics).
        assert_eq!(i, s, "{q}");
        found += usize::from(!s.is_empty());
    }
    assert!(found >= 8, "most queries find something ({found})");
    // Among some resumes only (a filter): the statistics are theirs, in both.
    let some = [
        ids[0].clone(),
        ids[2].clone(),
        ids[5].clone(),
        ids[7].clone(),
    ];
    for q in QUERIES {
        let among = |scan| {
            store
                .words_search_for_bench(q, 50, scan, Some(&some))
                .unwrap()
        };
        let (i, s) = (among(false), among(true));
        assert_eq!(i, s, "{q} among some");
        assert!(i.iter().all(|h| some.contains(&h.0)), "{q}");
    }
    // The name and the accents typed without them: the candidate's name first.
    let zoe = index(&store, "Lukasiewicz Odegard");
    assert_eq!(zoe[0].0, ids[5]);
    assert_eq!(zoe[0].1, u32::MAX, "the name's document");
    assert!(index(&store, "zzqx nonexistent").is_empty());
    drop(store);

    // The index answers from the postings alone, without reading the passages: with every
    // stored passage's text blanked behind its back, the scan finds no skill any more while
    // the index still does (the scan was what the search did).
    raw(dir.path(), &["passages"], |wtxn, dbs| {
        let db = dbs[0];
        let all: Vec<Vec<u8>> = db
            .iter(wtxn)
            .unwrap()
            .map(|e| e.unwrap().0.to_vec())
            .collect();
        for k in all {
            db.put(wtxn, &k, b"[]").unwrap();
        }
    });
    let (store, _) = Store::open(dir.path()).unwrap();
    assert!(scan(&store, "Kubernetes").is_empty());
    let hits = index(&store, "Kubernetes");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.1 != u32::MAX), "passages, not names");
}

/// Makes the store in `dir` (closed) one of an earlier version: passages, no words index.
fn forget_words_index(dir: &Path) {
    raw(dir, &["word-postings", "word-docs", "meta"], |wtxn, dbs| {
        dbs[0].clear(wtxn).unwrap();
        dbs[1].clear(wtxn).unwrap();
        let meta = dbs[2];
        meta.delete(wtxn, b"word_docs").unwrap();
        meta.delete(wtxn, b"word_len").unwrap();
    });
}

#[test]
fn passages_stored_before_the_words_index_existed_were_never_indexed_until_the_build_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let before: Vec<_> = {
        let (store, _) = Store::open(dir.path()).unwrap();
        library(&store);
        QUERIES.iter().map(|q| index(&store, q)).collect()
    };
    let postings = keys(dir.path(), "word-postings");
    let docs = keys(dir.path(), "word-docs");
    assert_eq!(docs.len(), PDFS.len() + DOCX.len());
    assert!(postings.len() > 300, "{}", postings.len());
    // A store of an earlier version: passages, no words index.
    forget_words_index(dir.path());
    assert!(keys(dir.path(), "word-postings").is_empty());
    // The app's open leaves it to the catch-up after its first paint: meanwhile a words
    // search scans, with the same results.
    {
        let (store, report) = Store::open_deferred(dir.path()).unwrap();
        assert!(report.exclusive);
        assert_eq!(
            store.stats().unwrap().resumes as usize,
            PDFS.len() + DOCX.len()
        );
        for (q, b) in QUERIES.iter().zip(&before) {
            assert_eq!(&index(&store, q), b, "{q}");
        }
        let (_, indexed) = store.catch_up().unwrap();
        assert_eq!(
            indexed,
            PDFS.len() + DOCX.len(),
            "nothing was indexed at open"
        );
        assert_eq!(store.catch_up().unwrap(), (0, 0), "idempotent");
    }
    assert!(keys(dir.path(), "word-postings") == postings);
    forget_words_index(dir.path());
    // Reopened: built at open, the same as before, and the same as the scan.
    for _ in 0..2 {
        let (store, _) = Store::open(dir.path()).unwrap();
        for (q, b) in QUERIES.iter().zip(&before) {
            assert_eq!(&index(&store, q), b, "{q}");
            assert_eq!(&scan(&store, q), b, "{q}");
        }
        drop(store);
        // Idempotent: a second open changes nothing.
        let (p, d) = (
            keys(dir.path(), "word-postings"),
            keys(dir.path(), "word-docs"),
        );
        assert!(
            p == postings,
            "{} postings keys, {} before",
            p.len(),
            postings.len()
        );
        assert!(
            d == docs,
            "{} resumes indexed, {} before",
            d.len(),
            docs.len()
        );
    }
}

#[test]
fn an_erased_candidates_words_stayed_in_the_words_index() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let ids = library(&store);
    let zoe = &ids[5];
    // Words only Zoë has: her name, typed without its accents.
    let hits = index(&store, "Lukasiewicz Odegard");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| &h.0 == zoe), "{hits:?}");
    store.erase_resume(zoe).unwrap();
    assert!(index(&store, "Lukasiewicz Odegard").is_empty());
    assert!(scan(&store, "Lukasiewicz Odegard").is_empty());
    // The rest still agrees with the scan (the totals went with her too).
    for q in QUERIES {
        assert_eq!(index(&store, q), scan(&store, q), "{q}");
    }
    drop(store);
    let theirs = zoe.as_str().as_bytes();
    for table in ["word-postings", "word-docs"] {
        let left: Vec<_> = keys(dir.path(), table)
            .into_iter()
            .filter(|k| k.windows(theirs.len()).any(|w| w == theirs))
            .collect();
        assert!(left.is_empty(), "{table}: {} keys of theirs", left.len());
    }
}
