//! `shortlist ask` and `shortlist feedback …`: questions about an analysis, and the ratings of
//! their answers.

use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use shortlist_core::feedback::{Feedback, FeedbackDraft, DEFAULT_MIN_RATING};
use shortlist_core::store::SearchMode;
use shortlist_core::{AnalysisId, JobId};

use crate::context::{now, Context};
use crate::output::{date, join_or_none, truncate};

#[derive(Debug, Args)]
pub struct Ask {
    /// The analysis.
    analysis: AnalysisId,
    /// The question, e.g. "Has she led a team?".
    question: String,
    /// Passages to show.
    #[arg(long, default_value_t = 3)]
    limit: usize,
}

impl Ask {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let model = ctx.session.embedder()?;
        let answer = store.ask(&model, &self.analysis, &self.question, self.limit)?;
        ctx.out.print(&answer, |a| {
            if a.passages.is_empty() {
                return "nothing in the resume matches this question".into();
            }
            a.passages
                .iter()
                .map(|p| {
                    format!(
                        "[{:.2}] {}\n       matched: {}\n",
                        p.score,
                        p.text.replace('\n', " "),
                        join_or_none(&p.matched)
                    )
                })
                .collect()
        })?;
        Ok(ExitCode::SUCCESS)
    }
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Record a rated answer to a question about an analysis.
    Add {
        /// The analysis asked about.
        #[arg(long)]
        analysis: AnalysisId,
        /// The question.
        #[arg(long)]
        question: String,
        /// The answer that was shown.
        #[arg(long)]
        answer: String,
        /// 1 (wrong) to 5 (exactly right).
        #[arg(long)]
        rating: u8,
        /// The correct answer.
        #[arg(long)]
        correction: Option<String>,
        /// A comment.
        #[arg(long)]
        comment: Option<String>,
    },
    /// Feedback records similar in meaning to QUERY.
    Search {
        /// Free text.
        query: String,
        /// Only this job's records.
        #[arg(long)]
        job: Option<JobId>,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Every record, or one analysis's.
    List {
        /// Only this analysis.
        #[arg(long)]
        analysis: Option<AnalysisId>,
    },
    /// Totals, rating distribution, per job, per day.
    Stats {
        /// What counts as high quality.
        #[arg(long, default_value_t = DEFAULT_MIN_RATING)]
        min_rating: u8,
    },
    /// Records rated at least --min-rating.
    HighQuality {
        /// The threshold.
        #[arg(long, default_value_t = DEFAULT_MIN_RATING)]
        min_rating: u8,
    },
}

impl FeedbackCommand {
    pub fn run(self, ctx: &Context) -> Result<ExitCode> {
        let store = ctx.store()?;
        let out = ctx.out;
        match self {
            FeedbackCommand::Add {
                analysis,
                question,
                answer,
                rating,
                correction,
                comment,
            } => {
                let model = ctx.session.embedder()?;
                let draft = FeedbackDraft {
                    analysis_id: analysis,
                    question,
                    answer,
                    rating,
                    correction,
                    comment,
                };
                let f = store.add_feedback(&model, draft, now())?;
                out.print(&f, |f| f.id.to_string())?;
            }
            FeedbackCommand::Search { query, job, limit } => {
                let model = ctx.session.embedder()?;
                let hits =
                    store.search_feedback(&model, &query, job.as_ref(), limit, SearchMode::Auto)?;
                out.print(&hits, |hits| {
                    if hits.is_empty() {
                        return "no feedback yet".into();
                    }
                    hits.iter()
                        .map(|h| format!("[{:.2}] {}", h.similarity, line(&h.feedback)))
                        .collect()
                })?;
            }
            FeedbackCommand::List { analysis } => {
                let list = store.feedback_list(analysis.as_ref())?;
                out.print(&list, |l| {
                    if l.is_empty() {
                        "no feedback yet".into()
                    } else {
                        l.iter().map(line).collect()
                    }
                })?;
            }
            FeedbackCommand::HighQuality { min_rating } => {
                let list = store.high_quality_feedback(min_rating)?;
                out.print(&list, |l| l.iter().map(line).collect())?;
            }
            FeedbackCommand::Stats { min_rating } => {
                let s = store.feedback_stats(min_rating)?;
                out.print(&s, |s| {
                    let mut t = format!(
                        "records:       {}\naverage:       {}\nhigh quality:  {} (rating ≥ {})\nby rating:     ",
                        s.total,
                        s.average.map_or("—".into(), |a| format!("{a:.2}")),
                        s.high_quality,
                        s.min_rating
                    );
                    t.push_str(
                        &(1..=5)
                            .map(|r| format!("{r}★ {}", s.by_rating[r - 1]))
                            .collect::<Vec<_>>()
                            .join("  "),
                    );
                    t.push('\n');
                    for (job, n, avg) in &s.per_job {
                        t.push_str(&format!(
                            "job {job}:  {}, average {avg:.2}\n",
                            super::count_of(*n, "record", "records")
                        ));
                    }
                    for (day, n) in &s.per_day {
                        t.push_str(&format!("{day}:  {n}\n"));
                    }
                    t
                })?;
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn line(f: &Feedback) -> String {
    format!(
        "{}  {}★  analysis {}  job {}  {}\n    Q: {}\n    A: {}{}\n",
        f.id,
        f.rating,
        f.analysis_id,
        f.job_id,
        date(f.created_at),
        f.question,
        truncate(&f.answer.replace('\n', " "), 100),
        f.correction
            .as_ref()
            .map(|c| format!("\n    correction: {}", truncate(c, 100)))
            .unwrap_or_default()
    )
}
