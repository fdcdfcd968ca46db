//! Working a shortlist on a real store: criteria that change the ranking, knockout gates,
//! stages, notes, tags, blind screening and the shortlist export.

use std::sync::atomic::AtomicBool;

use shortlist_core::workflow::criteria::AddedRequirement;
use shortlist_core::workflow::{Choice, Criteria, GateStatus, PipelineEvent, Stage};
use shortlist_core::{Error, JobId, ResumeId, Store};

use crate::*;

const GOOD: [&str; 6] = [
    "bob_schmidt_multipage.pdf",
    "carol_nguyen.pdf",
    "jonas_berg_two_column_rowwise.pdf",
    "priya_raman_two_column.pdf",
    "wei_zhang_cjk.pdf",
    "zoe_lukasiewicz_non_latin.pdf",
];

const JOB: &str = "Requirements:\n- React\n- TypeScript\n\nNice to have:\n- GraphQL";

/// A store with the six good fixtures analysed against a frontend job.
fn library(dir: &std::path::Path) -> (Store, JobId, Vec<ResumeId>) {
    let (store, _) = Store::open(dir).unwrap();
    let prepared = job_ready(&store, "Fabrikam", "Frontend Engineer", JOB);
    let reader = reader();
    let tools = tools_for(&reader, &prepared);
    let ids = GOOD
        .iter()
        .map(|name| {
            store
                .ingest_pdf(&tools, name, fixture(&format!("good/{name}")), t(1))
                .unwrap()
                .resume()
                .id
                .clone()
        })
        .collect();
    (store, prepared.job.id.clone(), ids)
}

fn rescore(store: &Store) -> usize {
    store
        .rescore_stale(embedder(), || t(100), &AtomicBool::new(false), |_, _| {})
        .unwrap()
        .rescored
}

#[test]
fn edited_criteria_make_the_jobs_analyses_stale_and_the_rescore_reads_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    assert!(store.stale_analyses().unwrap().is_empty());
    let before = store.analysis_of(&job, &ids[0]).unwrap().unwrap();
    assert!(before
        .matched_skills
        .iter()
        .map(|m| m.skill.as_str())
        .chain(before.missing_skills.iter().map(|m| m.skill.as_str()))
        .any(|s| s == "React"));

    let criteria = Criteria {
        requirements: [("React".to_owned(), Choice::Ignore)].into(),
        added: vec![AddedRequirement {
            text: "Experience with PostgreSQL".into(),
            must: true,
        }],
        ..Criteria::default()
    };
    let edited = store
        .set_job_criteria(&job, criteria.clone(), t(50))
        .unwrap();
    assert_eq!(edited.revision, 1);
    // Saving the same criteria again changes nothing.
    assert_eq!(
        store
            .set_job_criteria(&job, criteria, t(51))
            .unwrap()
            .revision,
        1
    );
    assert_eq!(store.stale_analyses().unwrap().len(), ids.len());

    assert_eq!(rescore(&store), ids.len());
    assert!(store.stale_analyses().unwrap().is_empty());
    for id in &ids {
        let a = store.analysis_of(&job, id).unwrap().unwrap();
        assert_eq!(a.job_revision, 1);
        assert_eq!(a.history.len(), 1, "the earlier score is kept");
        let skills: Vec<&str> = a
            .matched_skills
            .iter()
            .map(|m| m.skill.as_str())
            .chain(a.missing_skills.iter().map(|m| m.skill.as_str()))
            .collect();
        assert!(
            !skills.contains(&"React"),
            "an ignored requirement is not scored"
        );
        assert!(
            skills.contains(&"PostgreSQL"),
            "an added requirement is scored"
        );
    }

    // Editing the description moves the revision on; saving it unchanged does not.
    let same = store
        .update_job(&job, draft("Fabrikam", "Frontend Engineer", JOB), t(60))
        .unwrap();
    assert_eq!(same.revision, 1);
    let changed = store
        .update_job(
            &job,
            draft("Fabrikam", "Frontend Engineer", &format!("{JOB}\n- Jest")),
            t(61),
        )
        .unwrap();
    assert_eq!(changed.revision, 2);
    assert_eq!(store.stale_analyses().unwrap().len(), ids.len());

    // Bad criteria are refused and the stored ones stay.
    let err = store
        .set_job_criteria(
            &job,
            Criteria {
                gates: vec![shortlist_core::workflow::Gate::MinYears { years: 500.0 }],
                ..Criteria::default()
            },
            t(70),
        )
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput {
                field: "criteria",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(store.job(&job).unwrap().job.revision, 2);
}

#[test]
fn gates_decide_pass_fail_or_unknown_apart_from_the_score() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    let scores: Vec<u8> = ids
        .iter()
        .map(|id| store.analysis_of(&job, id).unwrap().unwrap().score)
        .collect();
    let criteria = Criteria {
        gates: vec![
            "phrase:typescript".parse().unwrap(),
            "years>=40".parse().unwrap(),
        ],
        ..Criteria::default()
    };
    store.set_job_criteria(&job, criteria, t(50)).unwrap();
    rescore(&store);
    let mut passing_phrase = 0;
    for (id, score) in ids.iter().zip(&scores) {
        let a = store.analysis_of(&job, id).unwrap().unwrap();
        assert_eq!(a.score, *score, "gates never change points");
        assert_eq!(a.gates.len(), 2);
        let says = store
            .resume_text(id)
            .unwrap()
            .to_lowercase()
            .contains("typescript");
        let phrase = &a.gates[0];
        assert_eq!(phrase.status == GateStatus::Pass, says, "{}", phrase.reason);
        if says {
            passing_phrase += 1;
            assert!(phrase
                .line
                .as_deref()
                .unwrap()
                .to_lowercase()
                .contains("typescript"));
        }
        assert_ne!(a.gates[1].status, GateStatus::Pass, "nobody has 40 years");
    }
    assert!(
        passing_phrase > 0 && passing_phrase < ids.len(),
        "{passing_phrase}"
    );
    // Nobody passes every gate, so the passing export is the header alone.
    let csv = store
        .export_shortlist(&job, None, true, false, false)
        .unwrap();
    assert_eq!(csv.lines().count(), 1, "{csv}");
    let all = store
        .export_shortlist(&job, None, false, false, false)
        .unwrap();
    assert_eq!(all.lines().count(), 1 + ids.len());
    assert!(all.contains("mentions \u{201c}typescript\u{201d}: pass"));
}

#[test]
fn stages_notes_and_tags_are_kept_and_go_with_an_erased_candidate() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let (store, job, ids) = library(&dir);
    assert_eq!(
        store
            .set_stage(&job, &ids[..2], Stage::Shortlisted, None, t(10))
            .unwrap(),
        2
    );
    store
        .set_stage(
            &job,
            &ids[1..2],
            Stage::Rejected,
            Some("No work permit"),
            t(11),
        )
        .unwrap();
    let long = "x".repeat(600);
    let err = store
        .set_stage(&job, &ids[2..3], Stage::Rejected, Some(&long), t(12))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidInput {
            field: "reason",
            ..
        }
    ));
    assert_eq!(store.pipeline(&job, &ids[2]).unwrap().stage, Stage::New);

    let p = store.pipeline(&job, &ids[1]).unwrap();
    assert_eq!(p.stage, Stage::Rejected);
    assert_eq!(p.reason(), Some("No work permit"));
    assert_eq!(
        p.history.iter().map(|e| &e.event).collect::<Vec<_>>(),
        vec![
            &PipelineEvent::Moved {
                from: Stage::New,
                to: Stage::Shortlisted,
                reason: None
            },
            &PipelineEvent::Moved {
                from: Stage::Shortlisted,
                to: Stage::Rejected,
                reason: Some("No work permit".into())
            },
        ]
    );

    assert_eq!(
        store
            .add_note(&job, &ids[0], "Called; strong on triage.", t(20))
            .unwrap()
            .seq,
        1
    );
    assert_eq!(
        store
            .add_note(&job, &ids[0], "Second call booked.", t(21))
            .unwrap()
            .seq,
        2
    );
    assert!(matches!(
        store.add_note(&job, &ids[0], "   ", t(22)),
        Err(Error::InvalidInput { field: "note", .. })
    ));
    assert_eq!(store.add_tag(&ids[..2], "Night shift").unwrap(), 2);
    assert_eq!(store.add_tag(&ids[..1], "night SHIFT").unwrap(), 0);
    assert_eq!(store.resumes_tagged("NIGHT shift").unwrap().len(), 2);

    let unknown = ResumeId::parse("resume_0123456789ab").unwrap();
    assert!(matches!(
        store.set_stage(
            &job,
            std::slice::from_ref(&unknown),
            Stage::Offer,
            None,
            t(30)
        ),
        Err(Error::NotFound { kind: "resume", .. })
    ));
    assert!(matches!(
        store.add_tag(&[unknown], "x"),
        Err(Error::NotFound { .. })
    ));

    let board = store.board(&job).unwrap();
    assert_eq!(board.entries.len(), ids.len());
    let count = |s: Stage| board.stages.iter().find(|(st, _)| *st == s).unwrap().1;
    assert_eq!(
        (
            count(Stage::New),
            count(Stage::Shortlisted),
            count(Stage::Rejected)
        ),
        (4, 1, 1)
    );
    let first = board
        .entries
        .iter()
        .find(|e| e.resume_id == ids[0])
        .unwrap();
    assert_eq!(
        (first.notes, first.tags.clone()),
        (2, vec!["Night shift".to_owned()])
    );

    // Acknowledged writes survive closing and reopening the folder.
    drop(store);
    let (store, _) = Store::open(&dir).unwrap();
    assert_eq!(store.notes(&job, &ids[0]).unwrap().len(), 2);
    assert_eq!(
        store.pipeline(&job, &ids[1]).unwrap().stage,
        Stage::Rejected
    );

    store.erase_resume(&ids[0]).unwrap();
    assert_eq!(
        store.resumes_tagged("night shift").unwrap(),
        vec![ids[1].clone()]
    );
    assert!(matches!(
        store.notes(&job, &ids[0]),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.board(&job).unwrap().entries.len(), ids.len() - 1);
}

#[test]
fn blind_screening_hides_identity_in_the_window_and_the_export_and_never_moves_a_score() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    let open: Vec<_> = ids
        .iter()
        .map(|id| store.analysis_of(&job, id).unwrap().unwrap())
        .collect();
    let identities: Vec<String> = open
        .iter()
        .flat_map(|a| identity_words(&a.candidate.contact(), 3))
        .collect();
    assert!(
        identities.len() >= 6,
        "the fixtures have names and emails: {}",
        identities.len()
    );

    store.set_job_blind(&job, true, t(5)).unwrap();
    let csv = store
        .export_shortlist(&job, None, false, false, false)
        .unwrap();
    for who in &identities {
        assert!(!csv.contains(who.as_str()), "the blind export shows {who}");
    }
    assert!(csv.contains("Candidate 1"));
    for a in &open {
        let shown = serde_json::to_string(&store.analysis_for_window(&a.id).unwrap()).unwrap();
        for who in &identities {
            assert!(
                !shown.contains(who.as_str()),
                "the blind analysis shows {who}"
            );
        }
    }
    // Scores are the same with blind screening on: analyse again and compare.
    let prepared = store.prepare_job(embedder(), &job).unwrap();
    for a in &open {
        let again = store
            .analyze(embedder(), &prepared, &a.resume_id, t(9))
            .unwrap();
        assert_eq!(again.score, a.score);
        assert_eq!(again.breakdown, a.breakdown);
    }
    // Revealing one is recorded and shows that candidate only.
    let p = store.reveal(&job, &open[0].resume_id, t(10)).unwrap();
    assert_eq!(p.history.last().unwrap().event, PipelineEvent::Revealed);
    let shown = store.analysis_for_window(&open[0].id).unwrap();
    assert_eq!(shown.candidate.email, open[0].candidate.email);
}

#[test]
fn while_the_current_job_is_blind_the_library_and_resume_detail_show_no_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    store.select_job(&job).unwrap();
    let contacts: Vec<_> = ids
        .iter()
        .map(|id| store.resume(id).unwrap().contact)
        .collect();
    let identities: Vec<String> = contacts.iter().flat_map(|c| identity_words(c, 4)).collect();
    assert!(identities.len() >= 6, "{}", identities.len());
    // Not blind: the window sees who they are.
    let open = serde_json::to_string(&store.library_for_window().unwrap()).unwrap();
    assert!(identities.iter().any(|w| open.contains(w.as_str())));

    store.set_job_blind(&job, true, t(5)).unwrap();
    let rows = store.library_for_window().unwrap();
    let shown = serde_json::to_string(&rows).unwrap();
    for who in &identities {
        assert!(
            !shown.contains(who.as_str()),
            "the blind library shows {who}"
        );
    }
    assert!(rows.iter().all(|r| r
        .resume
        .contact
        .name
        .as_deref()
        .unwrap()
        .starts_with("Candidate ")));
    for id in &ids {
        let detail = serde_json::to_string(&store.resume_detail_for_window(id).unwrap()).unwrap();
        for who in &identities {
            assert!(
                !detail.contains(who.as_str()),
                "the blind detail shows {who}"
            );
        }
        assert!(
            store.check_original_shown(id).is_err(),
            "the page image is withheld"
        );
    }
    // A revealed candidate is shown whole; the others stay hidden.
    store.reveal(&job, &ids[0], t(6)).unwrap();
    let rows = store.library_for_window().unwrap();
    let first = rows.iter().find(|r| r.resume.id == ids[0]).unwrap();
    assert_eq!(first.resume.contact, contacts[0]);
    assert!(store.check_original_shown(&ids[0]).is_ok());
    assert!(store.check_original_shown(&ids[1]).is_err());
    // The library itself (CLI, backups) is unchanged.
    let raw = serde_json::to_string(&store.library().unwrap()).unwrap();
    assert!(identities.iter().all(|w| raw.contains(w.as_str())));
}

#[test]
fn a_reason_that_looks_like_a_formula_is_neutralised_in_the_export() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    let formula = "=HYPERLINK(\"http://x\",\"y\")";
    store
        .set_stage(&job, &ids[..1], Stage::Rejected, Some(formula), t(5))
        .unwrap();
    store
        .add_note(&job, &ids[0], "line one\nline, two", t(6))
        .unwrap();
    let csv = store
        .export_shortlist(&job, None, false, false, false)
        .unwrap();
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        "{csv}"
    );
    // A note with a line break and a comma stays one quoted cell.
    assert!(csv.contains("line one\nline, two\""), "{csv}");
    assert!(csv.starts_with("rank,candidate,email,phone,score,band,stage"));
}

#[test]
fn stages_notes_tags_and_criteria_survive_a_backup_and_restore() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(&tmp.path().join("data"));
    store
        .set_stage(&job, &ids[..1], Stage::Offer, Some("Great fit"), t(10))
        .unwrap();
    store
        .add_note(&job, &ids[0], "References checked.", t(11))
        .unwrap();
    store.add_tag(&ids[..1], "Referral").unwrap();
    let criteria = Criteria {
        gates: vec!["years>=2".parse().unwrap()],
        ..Criteria::default()
    };
    store
        .set_job_criteria(&job, criteria.clone(), t(12))
        .unwrap();
    store.set_job_blind(&job, true, t(13)).unwrap();
    let archive = tmp.path().join("backup.tar");
    store.backup(&archive, t(20)).unwrap();
    let target = tmp.path().join("restored");
    shortlist_core::backup::restore(&archive, &target, t(21)).unwrap();
    let (restored, _) = Store::open(&target).unwrap();
    let p = restored.pipeline(&job, &ids[0]).unwrap();
    assert_eq!((p.stage, p.reason()), (Stage::Offer, Some("Great fit")));
    assert_eq!(
        restored.notes(&job, &ids[0]).unwrap()[0].text,
        "References checked."
    );
    assert_eq!(restored.tags(&ids[0]).unwrap(), vec!["Referral".to_owned()]);
    let j = restored.job(&job).unwrap().job;
    assert_eq!((j.criteria, j.blind, j.revision), (criteria, true, 1));
}

#[test]
fn the_web_layout_export_carries_criteria_blind_stages_notes_and_tags() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(&tmp.path().join("data"));
    store
        .set_stage(
            &job,
            &ids[..1],
            Stage::Interview,
            Some("Phone screen done"),
            t(10),
        )
        .unwrap();
    store
        .add_note(&job, &ids[0], "Speaks Polish.", t(11))
        .unwrap();
    store.add_tag(&ids[..1], "Referral").unwrap();
    let criteria = Criteria {
        gates: vec!["phrase:work permit".parse().unwrap()],
        ..Criteria::default()
    };
    store.set_job_criteria(&job, criteria, t(12)).unwrap();
    store.set_job_blind(&job, true, t(13)).unwrap();
    let out = tmp.path().join("exported");
    store.export_legacy(&out).unwrap();
    let read = |rel: &str| std::fs::read_to_string(out.join(rel)).unwrap();
    let jobs: Vec<serde_json::Value> = read("data/jobs/jobs.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let j = jobs.iter().find(|j| j["job_id"] == job.as_str()).unwrap();
    assert_eq!(j["blind"], true);
    assert_eq!(j["revision"], 1);
    assert_eq!(j["criteria"]["gates"][0]["text"], "work permit");
    let resumes: serde_json::Value =
        serde_json::from_str(&read("data/resumes/resumes_index.json")).unwrap();
    assert_eq!(resumes[ids[0].as_str()]["tags"][0], "Referral");
    assert_eq!(
        resumes[ids[1].as_str()]["tags"].as_array().unwrap().len(),
        0
    );
    let analyses: Vec<serde_json::Value> = read("data/analyses/analyses.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let a = analyses
        .iter()
        .find(|a| a["resume_id"] == ids[0].as_str())
        .unwrap();
    assert_eq!(a["pipeline"]["stage"], "interview");
    assert_eq!(a["notes"][0]["text"], "Speaks Polish.");
    // The export still imports into an empty store (the new fields are additive).
    let (second, _) = Store::open(tmp.path().join("second")).unwrap();
    let reader = reader();
    let report = second
        .import_legacy(
            &tools_with(&reader, shortlist_core::pdf::PdfLimits::default()),
            &out,
            t(20),
        )
        .unwrap();
    assert!(report.skipped.is_empty(), "{:#?}", report.skipped);
    assert_eq!(report.resumes, GOOD.len());
}

#[test]
fn stage_decisions_with_their_reasons_join_the_training_export_without_names() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    let a = store.analysis_of(&job, &ids[0]).unwrap().unwrap();
    store
        .set_stage(&job, &ids[..1], Stage::Interview, None, t(5))
        .unwrap();
    store
        .set_stage(
            &job,
            &ids[..1],
            Stage::Rejected,
            Some("Needs a work permit"),
            t(6),
        )
        .unwrap();
    let (jsonl, count) = store.export_training_jsonl(4).unwrap();
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!((lines.len(), count), (2, 2));
    let last = &lines[1];
    assert_eq!(last["metadata"]["kind"], "decision");
    assert_eq!(last["metadata"]["stage"], "rejected");
    assert_eq!(last["metadata"]["from"], "interview");
    assert_eq!(last["metadata"]["analysis_id"], a.id.to_string());
    assert_eq!(last["metadata"]["resume_id"], ids[0].to_string());
    assert_eq!(
        last["messages"][2]["content"],
        "Rejected. Needs a work permit"
    );
    let user = last["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("Frontend Engineer"));
    for who in a.candidate.email.iter().chain(a.candidate.name.iter()) {
        assert!(!user.contains(who.as_str()), "the sample names {who}");
    }
}

#[test]
fn exported_feedback_never_quotes_identity_and_names_no_one_while_the_job_is_blind() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    let a = store.analysis_of(&job, &ids[0]).unwrap().unwrap();
    let who: Vec<String> = a
        .candidate
        .email
        .iter()
        .chain(a.candidate.phone.iter())
        .cloned()
        .collect();
    assert!(!who.is_empty(), "the fixture has contact details");
    let name = a.candidate.name.clone().expect("the fixture has a name");
    let draft = shortlist_core::feedback::FeedbackDraft {
        analysis_id: a.id.clone(),
        question: "Has she used React?".into(),
        answer: "Yes, for three years.".into(),
        rating: 5,
        correction: None,
        comment: None,
    };
    store.add_feedback(embedder(), draft, t(5)).unwrap();
    // Training data never holds contact details or the name, blind or not.
    let (jsonl, _) = store.export_training_jsonl(4).unwrap();
    for w in who.iter().chain(std::iter::once(&name)) {
        assert!(!jsonl.contains(w.as_str()), "the training sample holds {w}");
    }
    // The recruiter's own CSV names the candidate, unless the job is screened blind.
    assert!(store.export_feedback_csv().unwrap().contains(name.as_str()));
    store.set_job_blind(&job, true, t(6)).unwrap();
    let csv = store.export_feedback_csv().unwrap();
    assert!(!csv.contains(name.as_str()), "the blind CSV names {name}");
    for w in &who {
        assert!(!csv.contains(w.as_str()), "the blind CSV holds {w}");
    }
    assert!(csv.contains("Candidate "));
}

#[test]
fn an_edit_made_on_an_older_view_of_the_job_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, _) = library(tmp.path());
    // The window opens the job; meanwhile the command line sets a gate.
    let opened = store.job(&job).unwrap().job;
    let elsewhere = Criteria {
        gates: vec!["years>=2".parse().unwrap()],
        ..Criteria::default()
    };
    store
        .set_job_criteria(&job, elsewhere.clone(), t(20))
        .unwrap();
    // The window saves what it had: refused, the other edit kept.
    let stale = Criteria {
        gates: vec!["skill:React".parse().unwrap()],
        ..Criteria::default()
    };
    let refused = store.set_job_criteria_seen(&job, stale.clone(), Some(opened.updated_at), t(21));
    assert!(
        matches!(refused, Err(Error::InvalidInput { .. })),
        "{refused:?}"
    );
    let mut draft = shortlist_core::JobDraft {
        company: opened.company.clone(),
        role: opened.role.clone(),
        description: format!("{}\n- Redux", opened.description),
    };
    let refused = store.update_job_seen(&job, draft.clone(), Some(opened.updated_at), t(21));
    assert!(
        matches!(refused, Err(Error::InvalidInput { .. })),
        "{refused:?}"
    );
    let now = store.job(&job).unwrap().job;
    assert_eq!(now.criteria, elsewhere);
    assert_eq!(now.description, opened.description);
    // Opened again, the same edits land.
    draft.description.push_str("\n- Vite");
    let saved = store
        .update_job_seen(&job, draft, Some(now.updated_at), t(22))
        .unwrap();
    let saved = store
        .set_job_criteria_seen(&job, stale.clone(), Some(saved.updated_at), t(23))
        .unwrap();
    assert_eq!(saved.criteria, stale);
}

/// A candidate's email, phone and the words of their name of at least `min_chars` letters:
/// what must not show while screening blind.
fn identity_words(c: &shortlist_core::profile::Contact, min_chars: usize) -> Vec<String> {
    c.email
        .iter()
        .chain(c.phone.iter())
        .cloned()
        .chain(c.name.iter().flat_map(|n| {
            n.split_whitespace()
                .filter(|w| w.chars().count() >= min_chars)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        }))
        .collect()
}

/// Whether `s` holds a year from 1940 to 2099 as a whole number.
fn has_year(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len().saturating_sub(3)).any(|i| {
        let w: String = chars[i..i + 4].iter().collect();
        let edge_before = i == 0 || !chars[i - 1].is_ascii_digit();
        let edge_after = chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        edge_before && edge_after && w.parse::<u32>().is_ok_and(|y| (1940..=2099).contains(&y))
    })
}

#[test]
fn blind_answers_and_gate_quotes_hide_identity_and_graduation_years() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    store
        .set_job_criteria(
            &job,
            Criteria {
                gates: vec!["degree>=associate".parse().unwrap()],
                ..Criteria::default()
            },
            t(5),
        )
        .unwrap();
    rescore(&store);
    store.set_job_blind(&job, true, t(6)).unwrap();
    let mut quoted = 0;
    for id in &ids {
        let a = store.analysis_of(&job, id).unwrap().unwrap();
        let shown = store.analysis_for_window(&a.id).unwrap();
        for (g, open) in shown.gates.iter().zip(&a.gates) {
            if let (Some(line), Some(open_line)) = (&g.line, &open.line) {
                quoted += usize::from(has_year(open_line));
                assert!(!has_year(line), "a blind gate quote shows a year: {line}");
            }
        }
        let answer = store
            .ask(
                embedder(),
                &a.id,
                "Where did the candidate study and how to contact them?",
                5,
            )
            .unwrap();
        for p in &answer.passages {
            for who in a.candidate.email.iter().chain(a.candidate.phone.iter()) {
                assert!(!p.text.contains(who.as_str()), "a blind answer shows {who}");
            }
            if shortlist_core::profile::degree_in(&p.text).is_some() {
                assert!(
                    !has_year(&p.text),
                    "a blind answer shows a graduation year: {}",
                    p.text
                );
            }
        }
    }
    assert!(
        quoted > 0,
        "some degree lines carry a year, so the check means something"
    );
}

#[test]
fn blind_numbers_are_given_once_per_job_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(tmp.path()).unwrap();
    for name in &GOOD[..3] {
        ingest(&store, &format!("good/{name}")).unwrap();
    }
    let resumes: Vec<ResumeId> = store.resumes().unwrap().into_iter().map(|r| r.id).collect();
    let prepared = job_ready(&store, "Fabrikam", "Frontend Engineer", JOB);
    let job = prepared.job.id.clone();
    store
        .analyze(embedder(), &prepared, &resumes[2], t(1))
        .unwrap();
    store
        .analyze(embedder(), &prepared, &resumes[1], t(2))
        .unwrap();
    let number = |id: &ResumeId| {
        store
            .board(&job)
            .unwrap()
            .entries
            .iter()
            .find(|e| &e.resume_id == id)
            .unwrap()
            .number
    };
    assert_eq!((number(&resumes[2]), number(&resumes[1])), (1, 2));
    store
        .analyze(embedder(), &prepared, &resumes[0], t(3))
        .unwrap();
    store
        .analyze(embedder(), &prepared, &resumes[2], t(4))
        .unwrap();
    assert_eq!(
        (
            number(&resumes[2]),
            number(&resumes[1]),
            number(&resumes[0])
        ),
        (1, 2, 3)
    );
    store.erase_resume(&resumes[1]).unwrap();
    assert_eq!((number(&resumes[2]), number(&resumes[0])), (1, 3));
}

#[test]
fn concurrent_criteria_edits_both_land_and_repeated_ids_count_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    std::thread::scope(|s| {
        for side in ["a", "b"] {
            let (store, job) = (&store, &job);
            s.spawn(move || {
                for i in 0..10 {
                    store
                        .edit_job_criteria(job, t(i), |c| {
                            c.skills.insert(format!("skill-{side}-{i}"), Choice::Ignore);
                        })
                        .unwrap();
                }
            });
        }
    });
    let job_record = store.job(&job).unwrap().job;
    assert_eq!(job_record.criteria.skills.len(), 20);
    assert_eq!(job_record.revision, 20);

    let twice = [ids[0].clone(), ids[0].clone()];
    assert_eq!(
        store
            .set_stage(&job, &twice, Stage::Interview, None, t(30))
            .unwrap(),
        1
    );
    assert_eq!(store.pipeline(&job, &ids[0]).unwrap().history.len(), 1);

    // A resume never analysed against the job is not one of its candidates.
    let other = job_ready(&store, "Contoso", "Nurse", "Requirements:\n- BLS");
    assert!(matches!(
        store.set_stage(&other.job.id, &ids[..1], Stage::Hired, None, t(31)),
        Err(Error::InvalidInput {
            field: "resume",
            ..
        })
    ));
}

/// The data lines of a CSV without quoted line breaks, split into cells (no quoted commas).
fn csv_lines(csv: &str) -> Vec<Vec<String>> {
    csv.split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// Issue 16: exporting the rows picked in the shortlist writes the shortlist's columns for
/// those candidates only, each with their rank in the whole list, formulas neutralised, and
/// no names or contact details while the job is blind.
#[test]
fn export_of_a_shortlist_selection_holds_only_the_picked_rows_and_no_names_while_blind() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    store
        .set_stage(&job, &ids[3..4], Stage::Rejected, Some("=1+1"), t(5))
        .unwrap();
    let full = csv_lines(
        &store
            .export_shortlist(&job, None, false, false, false)
            .unwrap(),
    );
    let picked = [ids[3].clone(), ids[1].clone(), ids[3].clone()];
    let csv = store
        .export_shortlist_selection(&job, &picked, false)
        .unwrap();
    let lines = csv_lines(&csv);
    assert_eq!(lines[0], full[0], "the shortlist's header");
    assert_eq!(lines.len(), 3, "{csv}");
    let resume_col = full[0].iter().position(|c| c == "resume_id").unwrap();
    let mut got: Vec<&str> = lines[1..].iter().map(|l| l[resume_col].as_str()).collect();
    got.sort();
    let mut want = vec![ids[1].as_str(), ids[3].as_str()];
    want.sort();
    assert_eq!(got, want);
    for line in &lines[1..] {
        let whole = full
            .iter()
            .find(|f| f[resume_col] == line[resume_col])
            .unwrap();
        assert_eq!(
            line, whole,
            "the same row as in the whole export, rank included"
        );
    }
    assert!(csv.contains(",'=1+1,"), "{csv}");

    let identities: Vec<String> = [&ids[1], &ids[3]]
        .iter()
        .flat_map(|id| identity_words(&store.resume(id).unwrap().contact, 3))
        .collect();
    assert!(identities.len() >= 2, "{identities:?}");
    assert!(identities.iter().any(|w| csv.contains(w.as_str())));
    store.set_job_blind(&job, true, t(6)).unwrap();
    let blind = store
        .export_shortlist_selection(&job, &picked, false)
        .unwrap();
    for who in &identities {
        assert!(
            !blind.contains(who.as_str()),
            "the blind export shows {who}"
        );
    }
    assert_eq!(blind.matches("Candidate ").count(), 2, "{blind}");
}

/// Issue 16: exporting the resumes picked in the library writes name, file, format, added,
/// tags and IDs, in the order picked, formulas neutralised; while the current job is blind,
/// "Candidate N" (blank for a resume not scored for it) and no file names.
#[test]
fn export_of_a_library_selection_names_files_tags_and_ids_and_no_one_while_blind() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, _job, ids) = library(tmp.path());
    // carol arrives again under a name a spreadsheet would run.
    let reader = reader();
    store
        .ingest_pdf(
            &tools_with(&reader, Default::default()),
            "@carol.pdf",
            fixture("good/carol_nguyen.pdf"),
            t(2),
        )
        .unwrap();
    store.add_tag(&ids[1..2], "Remote").unwrap();
    let picked = [ids[1].clone(), ids[0].clone(), ids[1].clone()];
    let csv = store.export_library_selection(&picked).unwrap();
    let lines = csv_lines(&csv);
    assert_eq!(
        lines[0],
        [
            "candidate",
            "file",
            "format",
            "added",
            "tags",
            "resume_id",
            "same_person"
        ]
    );
    assert_eq!(lines.len(), 3, "{csv}");
    let carol = store.resume(&ids[1]).unwrap();
    assert_eq!(lines[1][0], carol.display_name());
    assert_eq!(lines[1][1], "'@carol.pdf; carol_nguyen.pdf");
    assert_eq!(lines[1][2], "pdf");
    assert!(lines[1][3].starts_with("2023-11-14T"), "{}", lines[1][3]);
    assert_eq!(lines[1][4], "Remote");
    assert_eq!(lines[1][5], ids[1].as_str());
    assert_eq!(lines[2][1], "bob_schmidt_multipage.pdf");
    assert_eq!(lines[2][5], ids[0].as_str());

    // Another job, current and blind, with bob scored for it and carol not.
    let other = job_ready(&store, "Contoso", "Backend", "Requirements:\n- Python");
    store.analyze(embedder(), &other, &ids[0], t(3)).unwrap();
    store.select_job(&other.job.id).unwrap();
    store.set_job_blind(&other.job.id, true, t(4)).unwrap();
    let identities: Vec<String> = ids[..2]
        .iter()
        .flat_map(|id| identity_words(&store.resume(id).unwrap().contact, 3))
        .chain(["carol_nguyen".into(), "bob_schmidt".into()])
        .collect();
    let blind = store.export_library_selection(&picked).unwrap();
    for who in &identities {
        assert!(
            !blind.contains(who.as_str()),
            "the blind export shows {who}"
        );
    }
    let lines = csv_lines(&blind);
    assert_eq!(
        lines[1][..3],
        ["", "", "pdf"],
        "not scored for the job: blank"
    );
    assert_eq!(lines[1][4], "Remote", "tags stay");
    assert_eq!(lines[2][..2], ["Candidate 1", ""]);
    assert_eq!(lines[2][5], ids[0].as_str());
}

#[test]
fn moving_a_candidate_to_the_stage_they_have_added_a_history_entry_now_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, job, ids) = library(tmp.path());
    assert_eq!(
        store
            .set_stage(
                &job,
                &ids[..1],
                Stage::Rejected,
                Some("No work permit"),
                t(10)
            )
            .unwrap(),
        1
    );
    let before = store.pipeline(&job, &ids[0]).unwrap();
    assert_eq!(before.history.len(), 1);
    let version = store.data_version();
    // Rejected again, with another reason and without one: no move, no write.
    for reason in [Some("Still no permit"), None] {
        assert_eq!(
            store
                .set_stage(&job, &ids[..1], Stage::Rejected, reason, t(11))
                .unwrap(),
            0
        );
        assert_eq!(store.pipeline(&job, &ids[0]).unwrap(), before);
        assert_eq!(store.data_version(), version, "nothing was written");
    }
    // A bulk move moves only who is elsewhere; the one already there keeps their history.
    assert_eq!(
        store
            .set_stage(&job, &ids[..2], Stage::Rejected, Some("Closed"), t(12))
            .unwrap(),
        1
    );
    assert_eq!(store.pipeline(&job, &ids[0]).unwrap(), before);
    assert_eq!(store.pipeline(&job, &ids[1]).unwrap().history.len(), 1);
    assert_eq!(store.board(&job).unwrap().entries.len(), GOOD.len());
}
