//! Working a job's shortlist: criteria and blind mode on the job, each candidate's stage with
//! its history, notes per job, tags across jobs, and the shortlist export. Every change is one
//! committed transaction.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::tables::{self, Dbs};
use super::Store;
use crate::error::{Error, Result};
use crate::id::{AnalysisId, JobId, ResumeId};
use crate::job::Job;
use crate::workflow::pipeline::{self, MAX_NOTE};
use crate::workflow::{blind, export, Criteria, Note, Pipeline, Stage};

/// A candidate's place in a job's pipeline, as the shortlist shows it beside the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BoardEntry {
    pub resume_id: ResumeId,
    pub stage: Stage,
    /// The reason given for the move to the current stage.
    pub reason: Option<String>,
    pub tags: Vec<String>,
    pub notes: u32,
    /// Revealed while the job is blind.
    pub revealed: bool,
    /// The number that stands for the candidate while the job is blind ("Candidate 12").
    pub number: u32,
    /// The person's position in the ranking (1 first): the versions of one person share it.
    pub rank: u32,
    /// How many of the job's analysed files are this person's (1: no other version).
    pub versions: u32,
    /// For an older version of a person: the resume shown on the person's row (their newest
    /// file). `None` for the file the row shows.
    pub version_of: Option<ResumeId>,
}

/// A job's pipeline: every analysed candidate's entry and the count per stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Board {
    pub job_id: JobId,
    pub blind: bool,
    /// People per stage (by the stage of the file their row shows), in pipeline order
    /// (every stage, 0 included).
    pub stages: Vec<(Stage, u32)>,
    /// One entry per analysed file, in the ranking's order of people: each person's row (their
    /// newest file) followed by their older versions, newest first. A person is the files
    /// linked as possibly or surely the same person (not split).
    pub entries: Vec<BoardEntry>,
}

fn text_error(field: &'static str) -> impl Fn(pipeline::TextError) -> Error {
    move |e| Error::invalid(field, e.to_string())
}

/// The job and resume exist and the resume was analysed against the job (a candidate of the
/// job's shortlist).
fn require_pair(rtxn: &heed::RoTxn<'_>, dbs: &Dbs, job: &JobId, resume: &ResumeId) -> Result<()> {
    tables::jobs::require(rtxn, dbs, job)?;
    if !tables::resumes::exists(rtxn, dbs, resume)? {
        return Err(tables::not_found("resume", resume));
    }
    if tables::analyses::of_pair(rtxn, dbs, job, resume)?.is_none() {
        return Err(Error::invalid(
            "resume",
            format!("{resume} has not been analysed against job {job}; analyse it first"),
        ));
    }
    Ok(())
}

/// `ids` without repeats, in their first order.
fn unique(ids: &[ResumeId]) -> Vec<ResumeId> {
    let mut out: Vec<ResumeId> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// Blind numbers for analyses made before numbers were stored (their rows say 0): by when
/// each resume first came into the library. Analyses made since carry their own, given once.
fn numbers(rtxn: &heed::RoTxn<'_>, dbs: &Dbs, job: &JobId) -> Result<Vec<(ResumeId, u32)>> {
    let mut seen: Vec<(OffsetDateTime, ResumeId)> = Vec::new();
    tables::analyses::each_row(rtxn, dbs, job, |row| {
        if let Some(r) = tables::resumes::get(rtxn, dbs, &row.resume_id)? {
            seen.push((r.first_seen, r.id));
        }
        Ok(true)
    })?;
    seen.sort();
    Ok(seen
        .into_iter()
        .enumerate()
        .map(|(i, (_, id))| (id, i as u32 + 1))
        .collect())
}

/// The board's entries (in score order) grouped by person: the files linked as possibly or
/// surely one person's (not split) form one row, shown by the newest file (by when it was
/// added), placed where that file ranks, followed by the older versions, newest first. Ranks
/// count people.
fn by_person(
    rtxn: &heed::RoTxn<'_>,
    dbs: &Dbs,
    entries: Vec<BoardEntry>,
) -> Result<Vec<BoardEntry>> {
    use std::collections::HashMap;
    let on_board: HashMap<ResumeId, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.resume_id.clone(), i))
        .collect();
    // Each grouped file's person: the files of its group on this board, newest first.
    let mut person_of: HashMap<usize, std::rc::Rc<Vec<usize>>> = HashMap::new();
    for group in super::links::person_groups(&tables::links::all(rtxn, dbs)?)? {
        let mut here: Vec<(OffsetDateTime, &ResumeId, usize)> = Vec::new();
        for id in &group {
            if let Some(&i) = on_board.get(id) {
                let added = tables::resumes::require(rtxn, dbs, id)?.first_seen;
                here.push((added, id, i));
            }
        }
        if here.len() < 2 {
            continue;
        }
        here.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(a.1)));
        let person = std::rc::Rc::new(here.iter().map(|(_, _, i)| *i).collect::<Vec<_>>());
        for (_, _, i) in here {
            person_of.insert(i, person.clone());
        }
    }
    let mut slots: Vec<Option<BoardEntry>> = entries.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    let mut rank = 0;
    for i in 0..slots.len() {
        let files = match person_of.get(&i) {
            // A person's row stands where the file it shows ranks.
            Some(person) if person[0] == i => person.to_vec(),
            Some(_) => continue,
            None => vec![i],
        };
        rank += 1;
        let head = slots[i].as_ref().map(|e| e.resume_id.clone());
        for (n, &f) in files.iter().enumerate() {
            if let Some(mut e) = slots[f].take() {
                e.rank = rank;
                e.versions = files.len() as u32;
                e.version_of = if n == 0 { None } else { head.clone() };
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// A job's board (see [`Store::board`]) within `rtxn`.
fn board_in(rtxn: &heed::RoTxn<'_>, dbs: &Dbs, job: &JobId) -> Result<Board> {
    let keys = row_keys(rtxn, dbs, job, |_, _| {})?;
    board_of(rtxn, dbs, job, keys)
}

/// The keys of `job`'s stored rank rows, best first; `each` sees every row's key and bytes.
fn row_keys(
    rtxn: &heed::RoTxn<'_>,
    dbs: &Dbs,
    job: &JobId,
    mut each: impl FnMut(&RowKey, &[u8]),
) -> Result<Vec<RowKey>> {
    let mut keys = Vec::new();
    let mut damaged = false;
    tables::analyses::each_row_json(rtxn, dbs, job, |raw| match row_key(raw) {
        Some(key) => {
            each(&key, raw);
            keys.push(key);
        }
        None => damaged = true,
    })?;
    if damaged {
        return Err(shortlist_row_damaged());
    }
    Ok(keys)
}

/// The two fields of a stored rank row the board needs (the rest is skipped, not decoded).
#[derive(Deserialize)]
struct RowKey {
    resume_id: ResumeId,
    #[serde(default)]
    number: u32,
}

fn row_key(raw: &[u8]) -> Option<RowKey> {
    serde_json::from_slice(raw).ok()
}

/// The board of `job` from its rank rows' keys, best first.
fn board_of(rtxn: &heed::RoTxn<'_>, dbs: &Dbs, job: &JobId, rows: Vec<RowKey>) -> Result<Board> {
    let record = tables::jobs::require(rtxn, dbs, job)?;
    let pipelines: std::collections::HashMap<ResumeId, Pipeline> =
        tables::workflow::pipelines_of_job(rtxn, dbs, job)?
            .into_iter()
            .collect();
    let notes: std::collections::HashMap<ResumeId, u32> =
        tables::workflow::note_counts(rtxn, dbs, job)?
            .into_iter()
            .collect();
    let numbers: std::collections::HashMap<ResumeId, u32> =
        numbers(rtxn, dbs, job)?.into_iter().collect();
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows {
        let p = pipelines.get(&row.resume_id).cloned().unwrap_or_default();
        entries.push(BoardEntry {
            stage: p.stage,
            reason: p.reason().map(str::to_owned),
            tags: tables::workflow::tags(rtxn, dbs, &row.resume_id)?,
            notes: notes.get(&row.resume_id).copied().unwrap_or(0),
            revealed: p.revealed,
            number: match row.number {
                0 => numbers.get(&row.resume_id).copied().unwrap_or(0),
                n => n,
            },
            resume_id: row.resume_id,
            rank: 0,
            versions: 1,
            version_of: None,
        });
    }
    let entries = by_person(rtxn, dbs, entries)?;
    let mut counts = [0u32; Stage::ALL.len()];
    for e in entries.iter().filter(|e| e.version_of.is_none()) {
        counts[Stage::ALL.iter().position(|s| *s == e.stage).unwrap_or(0)] += 1;
    }
    Ok(Board {
        job_id: job.clone(),
        blind: record.blind,
        stages: Stage::ALL.into_iter().zip(counts).collect(),
        entries,
    })
}

fn shortlist_row_damaged() -> Error {
    Error::invalid("shortlist", "a stored row is damaged")
}

impl Store {
    /// Replaces a job's criteria. The job's analyses become stale (its revision moves on) and
    /// are scored again by [`Store::rescore_stale`].
    pub fn set_job_criteria(
        &self,
        id: &JobId,
        criteria: Criteria,
        now: OffsetDateTime,
    ) -> Result<Job> {
        self.set_job_criteria_seen(id, criteria, None, now)
    }

    /// [`Store::set_job_criteria`] for an editor that loaded the job when it was last changed
    /// at `seen`: refused, changing nothing, when the job was changed since.
    pub fn set_job_criteria_seen(
        &self,
        id: &JobId,
        criteria: Criteria,
        seen: Option<OffsetDateTime>,
        now: OffsetDateTime,
    ) -> Result<Job> {
        criteria
            .validate()
            .map_err(|e| Error::invalid("criteria", e.to_string()))?;
        self.write(|wtxn, dbs| {
            let mut job = tables::jobs::require(wtxn, dbs, id)?;
            super::jobs::unchanged_since(&job, seen)?;
            if job.criteria != criteria {
                job.criteria = criteria.clone();
                job.revision += 1;
                job.updated_at = now;
                tables::jobs::put(wtxn, dbs, &job)?;
            }
            Ok(job)
        })
    }

    /// Changes a job's criteria with `edit`, reading and writing them in one transaction (two
    /// edits at once both land). As [`Store::set_job_criteria`] otherwise.
    pub fn edit_job_criteria(
        &self,
        id: &JobId,
        now: OffsetDateTime,
        edit: impl Fn(&mut Criteria),
    ) -> Result<Job> {
        self.write(|wtxn, dbs| {
            let mut job = tables::jobs::require(wtxn, dbs, id)?;
            let mut criteria = job.criteria.clone();
            edit(&mut criteria);
            criteria
                .validate()
                .map_err(|e| Error::invalid("criteria", e.to_string()))?;
            if job.criteria != criteria {
                job.criteria = criteria;
                job.revision += 1;
                job.updated_at = now;
                tables::jobs::put(wtxn, dbs, &job)?;
            }
            Ok(job)
        })
    }

    /// Turns blind screening of a job on or off (scores do not change).
    pub fn set_job_blind(&self, id: &JobId, blind: bool, now: OffsetDateTime) -> Result<Job> {
        self.write(|wtxn, dbs| {
            let mut job = tables::jobs::require(wtxn, dbs, id)?;
            if job.blind != blind {
                job.blind = blind;
                job.updated_at = now;
                tables::jobs::put(wtxn, dbs, &job)?;
            }
            Ok(job)
        })
    }

    /// A candidate's stage and history for a job.
    pub fn pipeline(&self, job: &JobId, resume: &ResumeId) -> Result<Pipeline> {
        self.read(|rtxn, dbs| {
            require_pair(rtxn, dbs, job, resume)?;
            tables::workflow::pipeline(rtxn, dbs, job, resume)
        })
    }

    /// Moves candidates to `stage` for `job`, with an optional reason, in one transaction.
    /// Returns how many moved: one already at `stage` does not (even with a reason; its
    /// history is left as it is), and when none moves nothing is written.
    pub fn set_stage(
        &self,
        job: &JobId,
        resumes: &[ResumeId],
        stage: Stage,
        reason: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<usize> {
        let resumes = unique(resumes);
        self.write(|wtxn, dbs| {
            let mut moved = 0;
            for resume in &resumes {
                require_pair(wtxn, dbs, job, resume)?;
                let mut p = tables::workflow::pipeline(wtxn, dbs, job, resume)?;
                if p.move_to(stage, reason, now)
                    .map_err(text_error("reason"))?
                {
                    tables::workflow::put_pipeline(wtxn, dbs, job, resume, &p)?;
                    moved += 1;
                }
            }
            Ok(moved)
        })
    }

    /// Shows who a candidate is while the job is blind, and records it in their history.
    pub fn reveal(&self, job: &JobId, resume: &ResumeId, now: OffsetDateTime) -> Result<Pipeline> {
        self.write(|wtxn, dbs| {
            require_pair(wtxn, dbs, job, resume)?;
            let mut p = tables::workflow::pipeline(wtxn, dbs, job, resume)?;
            if p.reveal(now) {
                tables::workflow::put_pipeline(wtxn, dbs, job, resume, &p)?;
            }
            Ok(p)
        })
    }

    /// Adds a note on a candidate for a job.
    pub fn add_note(
        &self,
        job: &JobId,
        resume: &ResumeId,
        text: &str,
        now: OffsetDateTime,
    ) -> Result<Note> {
        let text = pipeline::clean_text(text, MAX_NOTE).map_err(text_error("note"))?;
        self.write(|wtxn, dbs| {
            require_pair(wtxn, dbs, job, resume)?;
            tables::workflow::add_note(wtxn, dbs, job, resume, now, text.clone())
        })
    }

    /// The notes on a candidate for a job, oldest first.
    pub fn notes(&self, job: &JobId, resume: &ResumeId) -> Result<Vec<Note>> {
        self.read(|rtxn, dbs| {
            require_pair(rtxn, dbs, job, resume)?;
            tables::workflow::notes(rtxn, dbs, job, resume)
        })
    }

    /// Tags candidates (in one transaction); returns how many did not have the tag.
    pub fn add_tag(&self, resumes: &[ResumeId], tag: &str) -> Result<usize> {
        pipeline::clean_tag(tag).map_err(text_error("tag"))?;
        let resumes = unique(resumes);
        self.write(|wtxn, dbs| {
            let mut added = 0;
            for resume in &resumes {
                if !tables::resumes::exists(wtxn, dbs, resume)? {
                    return Err(tables::not_found("resume", resume));
                }
                let mut tags = tables::workflow::tags(wtxn, dbs, resume)?;
                if pipeline::add_tag(&mut tags, tag).map_err(text_error("tag"))? {
                    tables::workflow::put_tags(wtxn, dbs, resume, &tags)?;
                    added += 1;
                }
            }
            Ok(added)
        })
    }

    /// Removes a tag from a candidate; returns whether they had it.
    pub fn remove_tag(&self, resume: &ResumeId, tag: &str) -> Result<bool> {
        self.write(|wtxn, dbs| {
            if !tables::resumes::exists(wtxn, dbs, resume)? {
                return Err(tables::not_found("resume", resume));
            }
            let mut tags = tables::workflow::tags(wtxn, dbs, resume)?;
            let removed = pipeline::remove_tag(&mut tags, tag);
            if removed {
                tables::workflow::put_tags(wtxn, dbs, resume, &tags)?;
            }
            Ok(removed)
        })
    }

    /// A candidate's tags.
    pub fn tags(&self, resume: &ResumeId) -> Result<Vec<String>> {
        self.read(|rtxn, dbs| tables::workflow::tags(rtxn, dbs, resume))
    }

    /// The resumes carrying `tag` (compared without case or accents).
    pub fn resumes_tagged(&self, tag: &str) -> Result<Vec<ResumeId>> {
        let key = pipeline::tag_key(&tag.split_whitespace().collect::<Vec<_>>().join(" "));
        self.read(|rtxn, dbs| {
            Ok(tables::workflow::all_tags(rtxn, dbs)?
                .into_iter()
                .filter(|(_, tags)| tags.iter().any(|t| pipeline::tag_key(t) == key))
                .map(|(id, _)| id)
                .collect())
        })
    }

    /// A job's pipeline: each analysed candidate's stage, tags, notes count and blind number,
    /// and the counts per stage.
    pub fn board(&self, job: &JobId) -> Result<Board> {
        self.read(|rtxn, dbs| board_in(rtxn, dbs, job))
    }

    /// The shortlist as the window shows it, from one snapshot: the job's rank rows as one JSON
    /// array in the board's order (by person, each person's older versions right under their
    /// row), names replaced by "Candidate N" while the job is blind and the candidate not
    /// revealed, and the board itself. The stored rows are passed through as written; only a
    /// blind row is decoded (to take its name out).
    pub fn shortlist_for_window(
        &self,
        job: &JobId,
    ) -> Result<(Box<serde_json::value::RawValue>, Board)> {
        let (json, board) = self.read(|rtxn, dbs| {
            // One pass over the stored rows: each row's keys for the board, its bytes as is.
            let mut rows: std::collections::HashMap<ResumeId, Vec<u8>> =
                std::collections::HashMap::new();
            let keys = row_keys(rtxn, dbs, job, |key, raw| {
                rows.insert(key.resume_id.clone(), raw.to_vec());
            })?;
            let board = board_of(rtxn, dbs, job, keys)?;
            let mut json = Vec::with_capacity(rows.values().map(Vec::len).sum::<usize>() + 2);
            json.push(b'[');
            for e in &board.entries {
                let Some(raw) = rows.get(&e.resume_id) else {
                    continue;
                };
                if json.len() > 1 {
                    json.push(b',');
                }
                if board.blind && !e.revealed {
                    let mut row: serde_json::Value =
                        serde_json::from_slice(raw).map_err(|_| shortlist_row_damaged())?;
                    row["name"] = serde_json::Value::String(blind::label(e.number));
                    serde_json::to_writer(&mut json, &row).map_err(|_| shortlist_row_damaged())?;
                } else {
                    json.extend_from_slice(raw);
                }
            }
            json.push(b']');
            Ok((json, board))
        })?;
        let json = String::from_utf8(json).map_err(|_| shortlist_row_damaged())?;
        let json =
            serde_json::value::RawValue::from_string(json).map_err(|_| shortlist_row_damaged())?;
        Ok((json, board))
    }

    /// A job's shortlist as CSV (see [`export`]), best first, one row per person as the board
    /// groups them (the file their row shows), or with `all_versions` every file, a person's
    /// older versions under their row with their rank; `stage` keeps only candidates at that
    /// stage, `passing` only those passing every gate. While the job is blind (or with
    /// `blind`), names and contact details are left out.
    pub fn export_shortlist(
        &self,
        job: &JobId,
        stage: Option<Stage>,
        passing: bool,
        blind: bool,
        all_versions: bool,
    ) -> Result<String> {
        self.shortlist_csv(job, blind, |entry, a| {
            (all_versions || entry.version_of.is_none())
                && stage.is_none_or(|s| s == entry.stage)
                && (!passing || crate::workflow::gates::all_pass(&a.gates))
        })
    }

    /// The shortlist CSV of the candidates of `job` that `keep` keeps, best first, each with
    /// their place in the whole ranking.
    pub(super) fn shortlist_csv(
        &self,
        job: &JobId,
        blind: bool,
        keep: impl Fn(&BoardEntry, &crate::analysis::Analysis) -> bool,
    ) -> Result<String> {
        let board = self.board(job)?;
        let blind = blind || board.blind;
        let mut analyses: Vec<(usize, crate::analysis::Analysis, BoardEntry, Vec<Note>)> =
            Vec::new();
        for entry in board.entries {
            let Some(a) = self.analysis_of(job, &entry.resume_id)? else {
                continue;
            };
            if !keep(&entry, &a) {
                continue;
            }
            let notes = self.notes(job, &entry.resume_id)?;
            let a = if blind && !entry.revealed {
                blind::analysis(&a)
            } else {
                a
            };
            analyses.push((entry.rank as usize, a, entry, notes));
        }
        let names: Vec<String> = analyses
            .iter()
            .map(|(_, a, e, _)| {
                if blind && !e.revealed {
                    blind::label(e.number)
                } else {
                    a.candidate
                        .name
                        .clone()
                        .unwrap_or_else(|| a.resume_id.to_string())
                }
            })
            .collect();
        let rows: Vec<export::Row<'_>> = analyses
            .iter()
            .zip(names)
            .map(|((rank, a, e, notes), shown_name)| export::Row {
                rank: *rank,
                analysis: a,
                stage: e.stage,
                reason: e.reason.as_deref(),
                gates: &a.gates,
                tags: &e.tags,
                notes,
                shown_name,
            })
            .collect();
        Ok(export::csv(&rows, blind))
    }

    /// The analysis `id` as shown while its job is blind (identity and quoted personal
    /// details removed), unless the candidate was revealed.
    pub fn analysis_for_window(&self, id: &AnalysisId) -> Result<crate::analysis::Analysis> {
        let a = self.analysis(id)?;
        let (blind_job, revealed) = self.read(|rtxn, dbs| {
            let job = tables::jobs::require(rtxn, dbs, &a.job_id)?;
            let p = tables::workflow::pipeline(rtxn, dbs, &a.job_id, &a.resume_id)?;
            Ok((job.blind, p.revealed))
        })?;
        Ok(if blind_job && !revealed {
            blind::analysis(&a)
        } else {
            a
        })
    }

    /// The recruiter's stage decisions as chat-format training samples (one per move out of
    /// New, oldest first per candidate): the job and the candidate's resume excerpt — without
    /// name and contact details, so a model never learns from who someone is — give the
    /// decision and its reason. They join the LoRA export beside the rated answers.
    pub(crate) fn decision_samples(&self) -> Result<Vec<serde_json::Value>> {
        let jobs = self.read(tables::jobs::all)?;
        let mut out = Vec::new();
        for job in jobs {
            let pipelines =
                self.read(|rtxn, dbs| tables::workflow::pipelines_of_job(rtxn, dbs, &job.id))?;
            for (resume, p) in pipelines {
                let Some(analysis) = self.analysis_of(&job.id, &resume)? else {
                    continue;
                };
                let contact = analysis.candidate.contact();
                let text = self.resume_text(&resume).unwrap_or_default();
                let excerpt: String = blind::text(&text, &contact).chars().take(1500).collect();
                for entry in &p.history {
                    let crate::workflow::PipelineEvent::Moved { from, to, reason } = &entry.event
                    else {
                        continue;
                    };
                    if *to == Stage::New {
                        continue;
                    }
                    let user = format!(
                        "Job: {} at {}\n{}\n\nResume excerpt:\n{excerpt}\n\nScore: {}/100. \
                         Which stage should this candidate move to, and why?",
                        job.role, job.company, job.description, analysis.score
                    );
                    let answer = match reason {
                        Some(r) => format!("{}. {r}", to.label()),
                        None => to.label().to_owned(),
                    };
                    out.push(serde_json::json!({
                        "messages": [
                            {"role": "system", "content": DECISION_PROMPT},
                            {"role": "user", "content": user},
                            {"role": "assistant", "content": answer},
                        ],
                        "metadata": {
                            "kind": "decision",
                            "analysis_id": analysis.id,
                            "job_id": job.id,
                            "resume_id": resume,
                            "from": from,
                            "stage": to,
                            "reason": reason,
                            "at": entry.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default(),
                        }
                    }));
                }
            }
        }
        Ok(out)
    }
}

/// The system turn of a decision sample.
pub const DECISION_PROMPT: &str = "You are a recruiting assistant. Given a job and a candidate's \
    resume, say which pipeline stage the recruiter moves the candidate to and why.";

/// What the window may show of the library while the current job is screened blind: the
/// numbers of that job's candidates, and who was revealed.
pub(super) struct BlindView {
    number: std::collections::HashMap<ResumeId, u32>,
    revealed: std::collections::HashSet<ResumeId>,
}

impl BlindView {
    /// `None` when the resume may be shown as it is; else what an export names it:
    /// "Candidate N" for a candidate of the job, blank for a resume not scored for it.
    pub(super) fn export_name(&self, id: &ResumeId) -> Option<String> {
        if self.revealed.contains(id) {
            return None;
        }
        Some(match self.number.get(id) {
            Some(&n) if n > 0 => blind::label(n),
            _ => String::new(),
        })
    }

    /// `None` when the resume may be shown as it is.
    pub(super) fn label(&self, id: &ResumeId) -> Option<String> {
        if self.revealed.contains(id) {
            return None;
        }
        Some(match self.number.get(id) {
            Some(&n) if n > 0 => blind::label(n),
            _ => "Candidate (not scored for this job)".to_owned(),
        })
    }
}

/// A resume record as shown while blind: `label` for its name, no contact details, and file
/// names that are the label (file names are often the candidate's name).
fn blind_resume(resume: &mut crate::resume::Resume, label: &str) {
    resume.contact = crate::profile::Contact {
        name: Some(label.to_owned()),
        ..Default::default()
    };
    resume.file_names = std::iter::once(format!("{label}.{}", resume.format.extension())).collect();
}

impl Store {
    /// The current job's blind view, when it is screened blind.
    pub(super) fn current_blind_view(&self) -> Result<Option<BlindView>> {
        let Some(job) = self.current_job()? else {
            return Ok(None);
        };
        if !job.job.blind {
            return Ok(None);
        }
        let board = self.board(&job.job.id)?;
        Ok(Some(BlindView {
            number: board
                .entries
                .iter()
                .map(|e| (e.resume_id.clone(), e.number))
                .collect(),
            revealed: board
                .entries
                .iter()
                .filter(|e| e.revealed)
                .map(|e| e.resume_id.clone())
                .collect(),
        }))
    }

    /// The library as the window shows it: while the current job is screened blind, every
    /// candidate not revealed for it stands as "Candidate N", without contact details or file
    /// names. Scores are untouched.
    pub fn library_for_window(&self) -> Result<Vec<super::LibraryRow>> {
        let mut rows = self.library()?;
        if let Some(view) = self.current_blind_view()? {
            for row in &mut rows {
                if let Some(label) = view.label(&row.resume.id) {
                    blind_resume(&mut row.resume, &label);
                }
            }
        }
        Ok(rows)
    }

    /// A resume's detail as the window shows it: while the current job is screened blind and
    /// the candidate is not revealed, the text is the blind text (no name, contact details,
    /// address lines or education years) and the record as in [`Store::library_for_window`].
    pub fn resume_detail_for_window(&self, id: &ResumeId) -> Result<super::ResumeDetail> {
        let mut detail = self.resume_detail(id)?;
        if let Some(label) = self.current_blind_view()?.and_then(|v| v.label(id)) {
            let contact = detail.resume.contact.clone();
            detail.text = blind::text(&detail.text, &contact);
            // The blind text drops address lines, so the heading line numbers would be off.
            detail.heading_lines.clear();
            blind_resume(&mut detail.resume, &label);
            detail.withheld = true;
        }
        Ok(detail)
    }

    /// Refuses to hand the window a resume's original file or page image (a photo, the name
    /// as printed) while the current job is screened blind and the candidate is not revealed.
    pub fn check_original_shown(&self, id: &ResumeId) -> Result<()> {
        match self.current_blind_view()?.and_then(|v| v.label(id)) {
            None => Ok(()),
            Some(_) => Err(Error::invalid(
                "resume",
                "the original is withheld while the current job is screened blind; reveal the \
                 candidate first",
            )),
        }
    }
}
