//! Library search (issue 13, item 3): the passage vector index kept up to date incrementally,
//! and the hybrid search by meaning and by words, on real PDFs with the real model.

use shortlist_core::store::{LibraryFilters, LibraryHit, VectorMode};
use shortlist_core::{IngestOutcome, ResumeId, Store};

use super::{embedder, ingest, job_ready, t};

const LIBRARY: [&str; 6] = [
    "good/bob_schmidt_multipage.pdf",
    "good/carol_nguyen.pdf",
    "good/jonas_berg_two_column_rowwise.pdf",
    "good/priya_raman_two_column.pdf",
    "good/wei_zhang_cjk.pdf",
    "good/zoe_lukasiewicz_non_latin.pdf",
];

fn id_of(outcome: IngestOutcome) -> ResumeId {
    match outcome {
        IngestOutcome::Added { resume, .. } | IngestOutcome::Duplicate { resume, .. } => resume.id,
    }
}

/// A store holding `files`, their passages built into the index (`build`) or still pending.
fn library(dir: &std::path::Path, files: &[&str], build: bool) -> (Store, Vec<ResumeId>) {
    let (store, _) = Store::open(dir).unwrap();
    let ids = files
        .iter()
        .map(|f| id_of(ingest(&store, f).unwrap()))
        .collect();
    if build {
        store.index_passages().unwrap();
    }
    (store, ids)
}

fn search(store: &Store, query: &str) -> Vec<LibraryHit> {
    let hits = store
        .search_library(embedder(), query, &LibraryFilters::default(), 10)
        .unwrap();
    // A passage's words are shown once per hit, even when a resume stores them twice.
    for h in &hits {
        let mut texts: Vec<&str> = h.passages.iter().map(|p| p.text.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(
            texts.len(),
            h.passages.len(),
            "a passage shown twice for {query:?}"
        );
    }
    hits
}

fn first(hits: &[LibraryHit]) -> &ResumeId {
    &hits.first().expect("a hit").resume_id
}

#[test]
fn a_concept_query_finds_the_resume_that_means_it_first() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY, true);
    assert_eq!(store.passage_index_pending().unwrap(), (0, 0));
    // Words none of the resumes use: found by meaning (Bob owns a Spark/Airflow platform at
    // a bank; Carol built a design system in React).
    let hits = search(
        &store,
        "big data processing infrastructure for a financial firm",
    );
    assert_eq!(first(&hits), &ids[0], "{hits:#?}");
    let hits = search(&store, "component library for web user interfaces");
    assert_eq!(first(&hits), &ids[1], "{hits:#?}");
    // Each candidate comes with its matching passages.
    assert!(!hits[0].passages.is_empty());
    assert!(hits[0].passages[0].similarity > 0.2);
}

/// The marked parts of `text`.
fn marked(text: &str, spans: &[shortlist_core::store::Span]) -> Vec<String> {
    spans
        .iter()
        .map(|s| {
            text.chars()
                .skip(s.start as usize)
                .take((s.end - s.start) as usize)
                .collect()
        })
        .collect()
}

#[test]
fn a_name_finds_its_resume_with_the_name_highlighted() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY, true);
    // The name is not in any passage (header lines are not evidence): found by the name itself.
    let hits = search(&store, "Jonas Berg");
    assert_eq!(first(&hits), &ids[2], "{hits:#?}");
    assert_eq!(hits[0].name.as_deref(), Some("Jonas Berg"));
    assert_eq!(
        marked(hits[0].name.as_deref().unwrap(), &hits[0].name_highlights),
        ["Jonas", "Berg"]
    );
    // Well ahead of the next candidate, who only comes by meaning.
    assert!(
        hits.len() < 2 || hits[0].score > hits[1].score * 1.5,
        "{hits:#?}"
    );
}

#[test]
fn a_word_query_without_accents_finds_the_accented_name() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY, true);
    // "Zoë Łukasiewicz-Ødegård", typed on a plain keyboard.
    let hits = search(&store, "Lukasiewicz Odegard");
    assert_eq!(first(&hits), &ids[5], "{hits:#?}");
    assert_eq!(
        marked(hits[0].name.as_deref().unwrap(), &hits[0].name_highlights),
        ["Łukasiewicz", "Ødegård"]
    );
    // A word of a passage, without its accent: Jonas lives in Göteborg.
    let hits = search(&store, "Goteborg");
    assert_eq!(first(&hits), &ids[2], "{hits:#?}");
    let p = &hits[0].passages[0];
    assert_eq!(marked(&p.text, &p.highlights), ["Göteborg"], "{p:?}");
    // A skill spelled out: only Bob names Airflow.
    let hits = search(&store, "Airflow");
    assert_eq!(first(&hits), &ids[0]);
    let p = &hits[0].passages[0];
    assert_eq!(marked(&p.text, &p.highlights), ["Airflow"], "{p:?}");
}

#[test]
fn an_erased_resume_leaves_the_results_and_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY, true);
    assert_eq!(first(&search(&store, "Airflow Snowflake dbt")), &ids[0]);
    store.erase_resume(&ids[0]).unwrap();
    // At once, before any build: its items are still in the trees but never returned.
    let (added, to_delete) = store.passage_index_pending().unwrap();
    assert_eq!(added, 0);
    assert!(to_delete > 0);
    let hits = search(&store, "Airflow Snowflake dbt");
    assert!(hits.iter().all(|h| h.resume_id != ids[0]), "{hits:#?}");
    let vector = embedder()
        .embed_one("Spark and Airflow data platform")
        .unwrap();
    let nearest = store
        .nearest_passages(&vector, 50, VectorMode::Index)
        .unwrap();
    assert!(nearest.iter().all(|(r, _, _)| r != &ids[0]));
    // The next build deletes them from the trees; nothing else is rebuilt.
    let report = store.index_passages().unwrap();
    assert_eq!((report.added, report.deleted), (0, to_delete));
    assert_eq!(store.passage_index_pending().unwrap(), (0, 0));
}

#[test]
fn an_import_is_findable_at_once_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY[..5], true);
    let zoe = id_of(ingest(&store, LIBRARY[5]).unwrap());
    // Marked "to index" by the import's own transaction, not built yet...
    let (added, _) = store.passage_index_pending().unwrap();
    assert!(added > 0);
    // ... and still found: the unbuilt remainder is scanned exactly.
    let query = "embedded Linux CAN bus firmware";
    let vector = embedder().embed_one(query).unwrap();
    let exact = store
        .nearest_passages(&vector, 5, VectorMode::Exact)
        .unwrap();
    let index = store
        .nearest_passages(&vector, 5, VectorMode::Index)
        .unwrap();
    assert_eq!(exact[0].0, zoe);
    assert_eq!(index, exact);
    assert_eq!(first(&search(&store, query)), &zoe);
    // One batch adds only the new passages.
    let report = store.index_passages().unwrap();
    assert_eq!((report.added, report.deleted), (added, 0));
    assert_eq!(first(&search(&store, query)), &zoe);
    assert!(ids.iter().all(|i| i != &zoe));
}

#[test]
fn the_index_answers_as_the_exact_scan_on_a_small_library() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = library(dir.path(), &LIBRARY, true);
    for q in [
        "Kubernetes platform team lead",
        "frontend accessibility",
        "Java Spring",
    ] {
        let v = embedder().embed_one(q).unwrap();
        let exact = store.nearest_passages(&v, 10, VectorMode::Exact).unwrap();
        let index = store.nearest_passages(&v, 10, VectorMode::Index).unwrap();
        assert_eq!(index, exact, "{q}");
    }
}

#[test]
fn filters_by_tag_date_and_stage_and_people_like_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY, true);
    store.add_tag(&[ids[3].clone()], "Backend").unwrap();
    let tagged = LibraryFilters {
        tag: Some("backend".into()),
        ..Default::default()
    };
    let hits = store
        .search_library(embedder(), "Kubernetes", &tagged, 10)
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].resume_id, ids[3]);
    assert_eq!(hits[0].tags, ["Backend"]);
    // Everything was imported at t(10).
    let later = LibraryFilters {
        imported_after: Some(t(11)),
        ..Default::default()
    };
    assert!(store
        .search_library(embedder(), "Kubernetes", &later, 10)
        .unwrap()
        .is_empty());
    // People like Jonas (Go, Kubernetes, a ledger on PostgreSQL): Priya first, not Jonas.
    let like = store
        .search_like(&ids[2], &LibraryFilters::default(), 5)
        .unwrap();
    assert_eq!(first(&like), &ids[3], "{like:#?}");
    assert!(like.iter().all(|h| h.resume_id != ids[2]));
    // A stage needs a job.
    let no_job = LibraryFilters {
        stage: Some(shortlist_core::workflow::Stage::New),
        ..Default::default()
    };
    assert!(store
        .search_library(embedder(), "Kubernetes", &no_job, 10)
        .is_err());
}

#[test]
fn a_search_within_a_blind_job_withholds_the_names() {
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY, true);
    let job = job_ready(
        &store,
        "Acme",
        "Backend engineer",
        "Go, Kubernetes, PostgreSQL.",
    );
    for id in &ids[2..4] {
        store.analyze(embedder(), &job, id, t(20)).unwrap();
    }
    store.set_job_blind(&job.job.id, true, t(21)).unwrap();
    let within = LibraryFilters {
        job: Some(job.job.id.clone()),
        ..Default::default()
    };
    let hits = store
        .search_library(embedder(), "Jonas Berg Kubernetes", &within, 10)
        .unwrap();
    // The review's leak: the hidden name still ranked its candidate first. Names are not
    // searched while blind: the same hits, in the same order, as without them.
    let without = store
        .search_library(embedder(), "Kubernetes", &within, 10)
        .unwrap();
    let order = |h: &[LibraryHit]| h.iter().map(|h| h.resume_id.clone()).collect::<Vec<_>>();
    assert_eq!(order(&hits), order(&without));
    let err = store
        .search_library(embedder(), "Jonas Berg", &within, 10)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not searched while the job is screened blind"),
        "{err}"
    );
    assert_eq!(hits.len(), 2);
    for h in &hits {
        assert_eq!(h.name, None);
        assert_eq!(h.file_name, None);
        assert!(h.blind_label.is_some());
        for p in &h.passages {
            assert!(!p.text.contains("Jonas"), "{p:?}");
            assert!(!p.text.contains("Priya"), "{p:?}");
        }
    }
}

#[test]
fn the_jobs_list_finds_a_data_role_in_logistics_by_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let add = |company: &str, role: &str, description: &str| {
        store
            .add_job(super::draft(company, role, description), t(0))
            .unwrap()
            .id
    };
    add(
        "Fabrikam",
        "Frontend Engineer",
        "Build our design system in React and TypeScript; accessibility first.",
    );
    let freight = add(
        "Northwind Freight",
        "Analyst",
        "SQL and Python dashboards on shipments, warehouse stock and carrier delays.",
    );
    add(
        "St. Mary's",
        "Staff Nurse",
        "Ward nursing, patient care plans, medication rounds.",
    );
    // Not one of these words is in the freight job: the word search finds nothing.
    let query = "data role in logistics";
    assert!(store.search_jobs(query, false).unwrap().is_empty());
    let found = store
        .search_jobs_by_meaning(embedder(), query, false)
        .unwrap();
    assert_eq!(
        found.first().map(|s| &s.job.id),
        Some(&freight),
        "{found:#?}"
    );
    assert!(found.len() < 3, "unrelated jobs listed: {found:#?}");
    // Words still work, and first.
    let found = store
        .search_jobs_by_meaning(embedder(), "nursing", false)
        .unwrap();
    assert_eq!(found[0].job.company, "St. Mary's");
    // An edited job gets a new vector.
    store
        .update_job(
            &freight,
            super::draft("Northwind Freight", "Nurse", "Occupational health nurse."),
            t(1),
        )
        .unwrap();
    let found = store
        .search_jobs_by_meaning(embedder(), query, false)
        .unwrap();
    assert!(found.iter().all(|s| s.job.id != freight), "{found:#?}");
}

/// After an import batch through `Session::import` the batch's passages were left pending
/// for the lazy build at 2,000 (a library under that size never got an index); the session
/// now builds them once at the end of the batch.
#[test]
fn a_session_import_batch_leaves_no_passage_pending_for_the_index() {
    use shortlist_core::assets::Assets;
    use shortlist_core::Session;
    use std::sync::atomic::AtomicBool;

    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let session = Session::new(Assets::discover(&[])).with_pdf_worker(super::WORKER);
    let never = AtomicBool::new(false);
    let files: Vec<_> = LIBRARY.iter().map(|f| super::fixtures().join(f)).collect();
    let report = session
        .import(&store, &files, &never, || t(5), |_| {})
        .unwrap();
    assert_eq!(report.summary.added, LIBRARY.len());
    assert_eq!(store.passage_index_pending().unwrap(), (0, 0));
    // The index built by the import answers as the exact scan.
    let vector = embedder()
        .embed_one("embedded Linux CAN bus firmware")
        .unwrap();
    let exact = store
        .nearest_passages(&vector, 5, VectorMode::Exact)
        .unwrap();
    assert!(!exact.is_empty());
    assert_eq!(
        store
            .nearest_passages(&vector, 5, VectorMode::Index)
            .unwrap(),
        exact
    );
}

/// Six saved jobs of different fields.
fn six_jobs(store: &Store) -> Vec<shortlist_core::JobId> {
    let add = |company: &str, role: &str, description: &str| {
        store
            .add_job(super::draft(company, role, description), t(0))
            .unwrap()
            .id
    };
    vec![
        add(
            "Fabrikam",
            "Frontend Engineer",
            "Build our design system in React and TypeScript; accessibility first.",
        ),
        add(
            "Northwind Freight",
            "Data Analyst",
            "SQL and Python dashboards on shipments, warehouse stock and carrier delays; \
             forecasts of delivery times across our trucking network.",
        ),
        // As a recruiter pastes it: the trust, the role, the requirements, the benefits.
        add(
            "St. Mary's",
            "Band 5 Staff Nurse",
            "About us: St. Mary's is a 400-bed teaching trust in the city centre, proud of our \
             people and our community.\n\nThe role: you will join the team of our surgical \
             ward.\n\nRequirements:\n- NMC PIN\n- Acute care experience\n- Medication \
             administration, patient assessment, care plans\n\nWe offer: a pension, a \
             flexible rota, parking and a training budget.",
        ),
        add(
            "Contoso Bank",
            "Accountant",
            "Month-end close, reconciliations and IFRS reporting; advanced Excel.",
        ),
        add(
            "Bella Cucina",
            "Sous Chef",
            "Run the kitchen line, prepare Italian dishes, keep food safety records and stock.",
        ),
        add(
            "Acme Retail",
            "Sales Representative",
            "Sell to retail stores across the region, meet quarterly targets, keep the CRM up to date.",
        ),
    ]
}

/// The jobs list listed a job by meaning above a fixed cosine (0.3): a nurse ad pasted in
/// full sits at 0.297 to "healthcare role in a hospital" and was not found. The floor is now
/// relative to the query's similarity to unrelated text, and to the best job.
#[test]
fn the_jobs_list_found_nothing_for_a_healthcare_role_in_a_hospital_with_a_nurse_job_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    let jobs = six_jobs(&store);
    let (freight, nurse) = (&jobs[1], &jobs[2]);
    let find = |q: &str| {
        store
            .search_jobs_by_meaning(embedder(), q, false)
            .unwrap()
            .into_iter()
            .map(|s| s.job.id)
            .collect::<Vec<_>>()
    };
    let found = find("data role in logistics");
    assert_eq!(found.first(), Some(freight), "{found:?}");
    assert!(found.len() <= 2, "unrelated jobs listed: {found:?}");
    let found = find("healthcare role in a hospital");
    assert_eq!(found.first(), Some(nurse), "{found:?}");
    assert!(found.len() <= 2, "unrelated jobs listed: {found:?}");
    assert_eq!(
        find("zxqv blorp frindle"),
        Vec::<shortlist_core::JobId>::new()
    );
    // The other fields are found by what they mean, too.
    for (query, job) in [
        ("cooking job in a restaurant", &jobs[4]),
        ("selling to shops", &jobs[5]),
        ("bookkeeping and finance", &jobs[3]),
    ] {
        let found = find(query);
        assert_eq!(found.first(), Some(job), "{query}: {found:?}");
        assert!(
            found.len() <= 2,
            "{query}: unrelated jobs listed: {found:?}"
        );
    }
}

#[test]
fn a_punctuation_only_search_query_gave_an_empty_result_instead_of_type_a_word() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(dir.path()).unwrap();
    id_of(ingest(&store, LIBRARY[1]).unwrap());
    for query in ["?!", " -- ", "…", "+++"] {
        let err = store
            .search_library(embedder(), query, &LibraryFilters::default(), 10)
            .unwrap_err();
        assert!(
            matches!(
                &err,
                shortlist_core::Error::InvalidInput { field: "query", .. }
            ),
            "{query}: {err:?}"
        );
        assert!(err.to_string().contains("type a word"), "{err}");
    }
    // A word with punctuation around it is searched.
    let hits = store
        .search_library(embedder(), "(Carol)!", &LibraryFilters::default(), 10)
        .unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn two_files_of_one_person_were_two_search_results_now_one_saying_the_other_version() {
    use crate::intake::ingest_docx;
    let dir = tempfile::tempdir().unwrap();
    let (store, ids) = library(dir.path(), &LIBRARY[..3], true);
    let (pdf, other) = (ids[1].clone(), ids[2].clone());
    // Carol's updated Word CV, linked at import to her PDF as possibly the same person.
    let word = id_of(ingest_docx(&store, "good/carol-nguyen-2026.docx").unwrap());
    assert_eq!(store.same_person(&word).unwrap().len(), 1);
    let carol = |hits: &[LibraryHit]| -> Vec<(ResumeId, u32)> {
        hits.iter()
            .filter(|h| h.resume_id == pdf || h.resume_id == word)
            .map(|h| (h.resume_id.clone(), h.other_versions))
            .collect()
    };
    let query = "Carol Nguyen design system React";
    let hits = search(&store, query);
    let found = carol(&hits);
    assert_eq!(found.len(), 1, "{hits:#?}");
    assert_eq!(found[0].1, 1, "the hit says there is one other version");
    assert_eq!(first(&hits), &found[0].0, "{hits:#?}");
    // A file of no one else says nothing of other versions.
    assert!(hits
        .iter()
        .filter(|h| h.resume_id != found[0].0)
        .all(|h| h.other_versions == 0));
    // People like one of her files do not list her other file.
    let like = store
        .search_like(&pdf, &LibraryFilters::default(), 10)
        .unwrap();
    assert!(like.iter().all(|h| h.resume_id != word), "{like:#?}");
    assert!(like.iter().any(|h| h.resume_id == other), "{like:#?}");
    // Split: two people, two results, neither with another version.
    store.unlink(&pdf, &word).unwrap();
    let hits = search(&store, query);
    let mut found = carol(&hits);
    found.sort();
    let mut both = vec![(pdf.clone(), 0), (word.clone(), 0)];
    both.sort();
    assert_eq!(found, both, "{hits:#?}");
}

/// Reviewer's finding: the "top of the resume" passage of a result was the whole resume when
/// the resume is one flat paragraph (the opening passage is its first 200 words). A hit shows
/// about 300 characters of it, cut at a word, from a little before the query's first word
/// when that lies further on.
#[test]
fn the_top_of_a_flat_resume_was_shown_whole_in_a_search_result() {
    use shortlist_core::profile::Section;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = library(dir.path(), &LIBRARY[..2], true);
    let flat = "Maya Ortiz warehouse operations lead with nine years running inbound and \
        outbound logistics for regional grocery distribution centres, scheduling shifts of \
        forty pickers, cutting mispicks by a third with barcode scanning, owning the \
        warehouse management system rollout, training new supervisors, negotiating carrier \
        contracts, reporting weekly throughput and safety figures to the operations \
        director, holding a forklift instructor certificate and a diploma in supply chain \
        management from Leeds College, fluent in Spanish and English, comfortable with Excel \
        pivot tables, SQL queries and Power BI dashboards for inventory accuracy and \
        replenishment planning across three sites";
    let flat = flat.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.chars().count() > 600);
    let reader = super::reader();
    let outcome = store
        .ingest_pdf(
            &super::tools_with(&reader, shortlist_core::pdf::PdfLimits::default()),
            "maya-ortiz.docx",
            crate::docx::word_file(&[&flat]),
            t(20),
        )
        .unwrap();
    let maya = id_of(outcome);
    store.index_passages().unwrap();
    let lead_of = |query: &str| -> String {
        let hits = search(&store, query);
        let hit = hits
            .iter()
            .find(|h| h.resume_id == maya)
            .unwrap_or_else(|| panic!("Maya not found for {query:?}: {hits:#?}"));
        let lead = hit
            .passages
            .iter()
            .find(|p| p.section == Section::Lead)
            .unwrap_or_else(|| panic!("no top of the resume for {query:?}: {hit:#?}"));
        // Every mark is on a query word of the text shown.
        for s in &lead.highlights {
            let word: String = lead
                .text
                .chars()
                .skip(s.start as usize)
                .take((s.end - s.start) as usize)
                .collect();
            assert!(
                query.to_lowercase().contains(&word.to_lowercase()),
                "{word:?} marked for {query:?}"
            );
        }
        lead.text.clone()
    };
    let whole_words = |excerpt: &str| {
        let inner = excerpt.trim_start_matches('…').trim_end_matches('…');
        assert!(
            flat.contains(inner),
            "{excerpt:?} is not a part of the resume"
        );
        let at = flat.find(inner).unwrap();
        let before = flat[..at].chars().last();
        let after = flat[at + inner.len()..].chars().next();
        assert!(
            before.is_none_or(char::is_whitespace),
            "cut inside a word: {excerpt:?}"
        );
        assert!(
            after.is_none_or(char::is_whitespace),
            "cut inside a word: {excerpt:?}"
        );
    };
    // Words of its opening: the excerpt starts at the start and stops at a word, marked "…".
    let lead = lead_of("warehouse operations lead logistics grocery distribution");
    assert!(
        lead.chars().count() <= 301,
        "{} characters: {lead:?}",
        lead.chars().count()
    );
    assert!(
        lead.starts_with("Maya Ortiz warehouse") || lead.starts_with("warehouse"),
        "{lead:?}"
    );
    assert!(lead.ends_with('…'), "{lead:?}");
    whole_words(&lead);
    // Words far into it: the excerpt shows them, with a little of what comes before.
    let lead = lead_of("forklift instructor certificate supply chain Power BI replenishment");
    assert!(
        lead.chars().count() <= 302,
        "{} characters: {lead:?}",
        lead.chars().count()
    );
    assert!(lead.starts_with('…'), "{lead:?}");
    assert!(lead.contains("forklift"), "{lead:?}");
    whole_words(&lead);
}
