// Generated from the Rust types by shortlist-core (wire::typescript) with ts-rs.
// Do not edit: change the Rust type, then run `make bindings`.

/**
 * A job: 8 lowercase hex characters.
 */
export type JobId = string;

/**
 * A resume: `resume_` and the first 12 hex characters of the PDF's SHA-256.
 */
export type ResumeId = string;

/**
 * An analysis: 12 lowercase hex characters.
 */
export type AnalysisId = string;

/**
 * A feedback record: `fb_` and 12 lowercase hex characters.
 */
export type FeedbackId = string;

/**
 * A stable machine-readable error kind, for front ends that branch on it. It reaches the
 * window as a string union (`ui/src/bindings.ts`), so a code the UI tests for cannot be
 * misspelt or vanish unnoticed.
 */
export type ErrorCode = "invalid_id" | "not_found" | "invalid_input" | "no_current_job" | "bad_pdf" | "bad_docx" | "asset" | "disk_full" | "too_large" | "not_a_file" | "schema_too_new" | "data_dir" | "io" | "busy" | "internal";

/**
 * A saved job description.
 */
export type Job = {
  /** Stable 8-hex-char ID. */
  id: JobId,
  /** Hiring company. */
  company: string,
  /** Role title. */
  role: string,
  /** The full job description text. */
  description: string,
  /** When it was created. */
  created_at: string,
  /** When it was last edited. */
  updated_at: string,
  /** Archived jobs stay stored but are hidden from the default list. */
  archived: boolean,
  /** What the recruiter set over the description: must/nice/ignore, added requirements, years, degree, knockout gates, part weights. */
  criteria: Criteria,
  /** Screened blind: names, contact details, addresses and graduation years are hidden in the window and in exports. */
  blind: boolean,
  /** Bumped whenever the description or the criteria change; an analysis made at an older revision is stale and scored again. */
  revision: number,
};

/**
 * A job with the figures the lists show beside it.
 */
export type JobSummary = {
  /** How many analyses this job has. */
  analysis_count: number,
  /** Whether this is the current job. */
  current: boolean,
  /** Stable 8-hex-char ID. */
  id: JobId,
  /** Hiring company. */
  company: string,
  /** Role title. */
  role: string,
  /** The full job description text. */
  description: string,
  /** When it was created. */
  created_at: string,
  /** When it was last edited. */
  updated_at: string,
  /** Archived jobs stay stored but are hidden from the default list. */
  archived: boolean,
  /** What the recruiter set over the description: must/nice/ignore, added requirements, years, degree, knockout gates, part weights. */
  criteria: Criteria,
  /** Screened blind: names, contact details, addresses and graduation years are hidden in the window and in exports. */
  blind: boolean,
  /** Bumped whenever the description or the criteria change; an analysis made at an older revision is stale and scored again. */
  revision: number,
};

/**
 * The fields a person types in to create or edit a job.
 */
export type JobDraft = {
  /** Hiring company. */
  company: string,
  /** Role title. */
  role: string,
  /** The full job description text. */
  description: string,
};

/**
 * A stored resume.
 */
export type Resume = {
  /** `resume_` + 12 hex chars of the SHA-256. */
  id: ResumeId,
  /** The full SHA-256 of the file's bytes (lowercase hex), compared on every re-import. */
  sha256: string,
  /** What kind of file it came as. Records written before Word files were accepted have none and read as PDF. */
  format: ResumeFormat,
  /** Every file name these bytes arrived under. */
  file_names: Array<string>,
  /** Size of the file in bytes. */
  size_bytes: number,
  /** Page count (1 for a Word file, which has no fixed pages). */
  pages: number,
  /** Characters of extracted text. */
  text_chars: number,
  /** Contact details found in the text. */
  contact: Contact,
  /** Problems noticed while extracting. */
  warnings: Array<ExtractionWarning>,
  /** First import. */
  first_seen: string,
  /** Latest import (a re-drop updates it). */
  last_seen: string,
};

/**
 * The kind of file a resume came as.
 */
export type ResumeFormat = "pdf" | "docx";

/**
 * Why two resumes may be the same person's.
 */
export type SameBy = "email" | "phone" | "name_and_history";

/**
 * Another resume possibly of the same person.
 */
export type SamePerson = {
  /** The other resume. */
  resume_id: ResumeId,
  /** Why they were linked, strongest first (empty when the recruiter linked them by hand). */
  reasons: Array<SameBy>,
  /** Whether the recruiter confirmed it. */
  confirmed: boolean,
};

/**
 * Something worth telling the recruiter about a PDF's text.
 */
export type ExtractionWarning = "little_text" | "image_pages" | "hidden_text" | "text_cut";

/**
 * Contact details found in a resume.
 */
export type Contact = {
  /** The candidate's name (best guess: the first name-like line). */
  name: string | null,
  /** First email address. */
  email: string | null,
  /** First phone number. */
  phone: string | null,
  /** Profile and portfolio links. */
  links: Array<string>,
};

/**
 * Education levels, lowest first.
 */
export type DegreeLevel = "high_school" | "associate" | "bachelor" | "master" | "doctorate";

/**
 * Resume sections.
 */
export type Section = "header" | "summary" | "experience" | "education" | "skills" | "projects" | "other" | "lead";

/**
 * A resume's best score over the jobs it was analysed against.
 */
export type BestScore = {
  /** 0–100. */
  score: number,
  /** The job it was scored against. */
  job_id: JobId,
  /** That analysis. */
  analysis_id: AnalysisId,
};

/**
 * A row of the resume library: the resume and its best score, if it was ever analysed.
 */
export type LibraryRow = {
  /** Its best score. */
  best: BestScore | null,
  /** The other resumes possibly of the same person (its group in the library), sorted. */
  same_person: Array<ResumeId>,
  /** `resume_` + 12 hex chars of the SHA-256. */
  id: ResumeId,
  /** The full SHA-256 of the file's bytes (lowercase hex), compared on every re-import. */
  sha256: string,
  /** What kind of file it came as. Records written before Word files were accepted have none and read as PDF. */
  format: ResumeFormat,
  /** Every file name these bytes arrived under. */
  file_names: Array<string>,
  /** Size of the file in bytes. */
  size_bytes: number,
  /** Page count (1 for a Word file, which has no fixed pages). */
  pages: number,
  /** Characters of extracted text. */
  text_chars: number,
  /** Contact details found in the text. */
  contact: Contact,
  /** Problems noticed while extracting. */
  warnings: Array<ExtractionWarning>,
  /** First import. */
  first_seen: string,
  /** Latest import (a re-drop updates it). */
  last_seen: string,
};

/**
 * A resume with its extracted text.
 */
export type ResumeDetail = {
  /** The record. */
  resume: Resume,
  /** The extracted text. */
  text: string,
  /** 0-based lines of `text` that are headings by a Word file's styles (none for a PDF). */
  heading_lines: Array<number>,
  /** The resumes possibly of the same person (split links left out). */
  same_person: Array<SamePerson>,
  /** Whether the original file and its page images are withheld from the window (the current job is screened blind and the candidate is not revealed). */
  withheld: boolean,
};

/**
 * A short reference to an analysis: its ID and score.
 */
export type AnalysisRef = {
  /** The analysis. */
  id: AnalysisId,
  score: number,
};

/**
 * What happened to one file.
 */
export type FileStatus = {
  "status": "added",
  resume_id: ResumeId,
  /** Its analysis against the current job. */
  analysis: AnalysisRef | null,
} | {
  "status": "duplicate",
  /** The existing resume's ID. */
  resume_id: ResumeId,
  /** Its analysis against the current job. */
  analysis: AnalysisRef | null,
} | {
  "status": "failed",
  code: ErrorCode,
  /** For the person importing; never quotes the file's text. */
  reason: string,
};

/**
 * The result for one file of a batch.
 */
export type FileResult = {
  /** The file as given (or as found in a given folder). Serialised without loss: a name that is not valid UTF-8 has its stray bytes written as `\xNN` ([`crate::text::path`]), so a report never fails on a file name. */
  path: string,
} & ({
  "status": "added",
  resume_id: ResumeId,
  /** Its analysis against the current job. */
  analysis: AnalysisRef | null,
} | {
  "status": "duplicate",
  /** The existing resume's ID. */
  resume_id: ResumeId,
  /** Its analysis against the current job. */
  analysis: AnalysisRef | null,
} | {
  "status": "failed",
  code: ErrorCode,
  /** For the person importing; never quotes the file's text. */
  reason: string,
});

/**
 * Totals of a batch.
 */
export type ImportSummary = {
  /** New resumes. */
  added: number,
  /** Already stored. */
  duplicates: number,
  /** Not imported. */
  failed: number,
  /** Whether the batch was cancelled before the end. */
  cancelled: boolean,
};

/**
 * Progress of an import, streamed to the window.
 */
export type ImportEvent = {
  "kind": "started",
  /** Number of files. */
  total: number,
} | {
  "kind": "file",
  /** Files done so far. */
  done: number,
  /** Number of files. */
  total: number,
  /** Its result. */
  result: FileResult,
};

/**
 * A page of a resume as an image for the window.
 */
export type PagePreview = {
  /** `data:image/png;base64,…` */
  data_url: string,
  /** 0-based. */
  page: number,
  /** Pages in the PDF. */
  pages: number,
};

/**
 * How much a requirement matters.
 */
export type Importance = "required" | "preferred";

/**
 * Score bands: what a score means, the same for every job.
 */
export type Band = "weak" | "possible" | "strong";

/**
 * The score bands' thresholds, for the UI to explain them.
 */
export type ScoreBands = {
  /** Lowest score of a strong fit. */
  strong: number,
  /** Lowest score of a possible fit. */
  possible: number,
  /** The engine version of new analyses. */
  engine_version: number,
  /** Lowest evidence strength of a strong match, in percent ([`STRONG_MATCH`]). */
  strong_match: number,
  /** Lowest evidence strength of some match, in percent ([`SOME_MATCH`]). */
  some_match: number,
};

/**
 * One part of the score.
 */
export type Part = {
  /** 0–1. */
  value: number,
  /** Its weight after re-weighting (0 when the job does not ask about it). */
  weight: number,
  /** The share of its value that counts: 1, or for the profile parts (experience, education, readability) how well the resume matches the job's work. */
  share: number,
  /** Points it contributes to the 0–100 score. */
  points: number,
  /** Why, in a sentence. */
  detail: string,
};

/**
 * The parts.
 */
export type Breakdown = {
  /** The job's terms and phrases found (absent from analyses of engine 1). */
  terms: Part,
  /** Meaning: the whole resume and each requirement's closest passage. */
  evidence: Part,
  /** Lexicon skills coverage. */
  skills: Part,
  /** Experience fit. */
  experience: Part,
  /** Education fit. */
  education: Part,
  /** Readability / parse quality. */
  readability: Part,
};

/**
 * A skill of the job found in the resume.
 */
export type SkillMatch = {
  /** Canonical name. */
  skill: string,
  /** Required or preferred by the job. */
  importance: Importance,
  /** Shown in experience, projects or summary (not only in a skills list). */
  evidenced: boolean,
};

/**
 * A skill of the job not found.
 */
export type MissingSkill = {
  /** Canonical name. */
  skill: string,
  /** Required or preferred. */
  importance: Importance,
};

/**
 * The best passage for one requirement.
 */
export type Evidence = {
  /** The requirement text. */
  requirement: string,
  /** Required or preferred. */
  importance: Importance,
  /** The closest resume passage, if any passage exists. */
  passage: string | null,
  /** Its cosine similarity. */
  similarity: number,
  /** How strongly it meets the requirement, 0–1, against what passages of unrelated resumes score for it (absent from analyses of engine 1). */
  strength: number,
};

/**
 * Something the recruiter should look at.
 */
export type Flag = "hidden_text" | "keyword_stuffing" | "little_text" | "no_dates" | "copied_from_job" | "job_not_english";

/**
 * The candidate as the analysis read them.
 */
export type Candidate = {
  /** Name, if found. */
  name: string | null,
  /** Email, if found. */
  email: string | null,
  /** Phone, if found. */
  phone: string | null,
  links: Array<string>,
  /** Years of dated experience. */
  years: number,
  /** Highest degree. */
  degree: DegreeLevel | null,
};

/**
 * A score from an earlier run of the same pair.
 */
export type PastScore = {
  /** The score then. */
  score: number,
  /** The engine version then. */
  engine_version: number,
  /** When. */
  at: string,
};

/**
 * The result of analysing a resume against a job.
 */
export type Analysis = {
  /** 12 hex chars. */
  id: AnalysisId,
  /** The job. */
  job_id: JobId,
  /** The resume. */
  resume_id: ResumeId,
  /** The engine version that made it. */
  engine_version: number,
  /** 0–100. */
  score: number,
  /** What the score means. */
  band: Band,
  /** How the score was made. */
  breakdown: Breakdown,
  /** The job's weightiest terms and phrases found in the resume, as the job writes them. */
  matched_terms: Array<string>,
  /** The job's weightiest terms and phrases the resume lacks. */
  missing_terms: Array<string>,
  /** Skills of the job found in the resume. */
  matched_skills: Array<SkillMatch>,
  /** Skills of the job not found. */
  missing_skills: Array<MissingSkill>,
  /** Best passage per requirement. */
  evidence: Array<Evidence>,
  /** Who the candidate is. */
  candidate: Candidate,
  /** Things to look at. */
  flags: Array<Flag>,
  /** When this analysis was made. */
  created_at: string,
  /** Scores of earlier runs of the same job and resume, oldest first. */
  history: Array<PastScore>,
  /** Feedback records on this analysis. */
  feedback_count: number,
  /** The job's knockout gates decided for this resume: pass, fail or unknown, with the line that decided each. Gates never add or remove points. */
  gates: Array<GateResult>,
  /** The job's revision (description and criteria) this analysis was made at; an older one than the job's is stale and scored again. */
  job_revision: number,
  /** The number that stands for the candidate while the job is screened blind ("Candidate 12"): given once per job, kept when scored again. */
  number: number,
};

/**
 * A skill on a shortlist row.
 */
export type RowSkill = {
  /** Canonical name. */
  skill: string,
  /** Shown in experience, projects or summary (matched skills only). */
  evidenced: boolean,
};

/**
 * One row of a job's shortlist: what the list shows and filters on, without the breakdown and
 * evidence of the full [`Analysis`]. Stored as the value of the per-job ranking index, so a
 * shortlist of thousands is one ordered scan of small records.
 */
export type ShortlistRow = {
  /** The analysis. */
  analysis_id: AnalysisId,
  /** The resume. */
  resume_id: ResumeId,
  /** 0–100. */
  score: number,
  /** What the score means. */
  band: Band,
  /** The engine version that made the analysis (older than the current one: the score is being brought up to date). */
  engine_version: number,
  /** The candidate's name, or else the resume's file name. */
  name: string,
  /** Years of dated experience. */
  years: number,
  /** Skills of the job found, in the analysis's order. */
  matched: Array<RowSkill>,
  /** Required skills of the job not found. */
  missing_required: Array<string>,
  /** Things to look at. */
  flags: Array<Flag>,
  /** Feedback records on the analysis. */
  feedback_count: number,
  /** When the analysis was made, Unix seconds (cheaper to decode than a date string, and this is decoded once per row of the list). */
  created_at: number,
  /** The job's revision it was scored at (older than the job's: being scored again). */
  job_revision: number,
  /** Its knockout gates in one word. */
  gates: GateSummary,
  /** The candidate's blind number for the job. */
  number: number,
};

/**
 * The result of analysing many resumes.
 */
export type BatchReport = {
  /** Analyses written. */
  analysed: number,
  /** Resumes that could not be analysed (their blob is missing, say). */
  failed: Array<[ResumeId, string]>,
};

/**
 * Progress of analysing every stored resume against a job.
 */
export type AnalyzeProgress = {
  /** Resumes done. */
  done: number,
  /** Resumes in all. */
  total: number,
};

/**
 * Why an analysis is scored again (the first that applies).
 */
export type RescoreCause = "engine" | "job" | "library";

/**
 * Progress of bringing analyses of an older engine up to date, streamed to the window.
 */
export type RescoreProgress = {
  /** Analyses done (re-scored, failed or found already current). */
  done: number,
  /** Analyses of an older engine found at the start. */
  total: number,
  /** Whether the work is still going on. */
  running: boolean,
  /** Why, for the window's words ([`RescoreCause::of`] the analyses found at the start). */
  cause: RescoreCause | null,
};

/**
 * What a rescore did.
 */
export type RescoreReport = {
  /** Analyses scored again with the current engine. */
  rescored: number,
  /** Analyses that could not be scored again (their resume's file is missing, say), with the reason; they stay as they were and are tried again next time. */
  failed: Array<[AnalysisId, string]>,
  /** Whether it was cancelled before the end. */
  cancelled: boolean,
};

/**
 * What the recruiter says about a requirement or a skill.
 */
export type Choice = "must" | "nice" | "ignore";

/**
 * A requirement the description does not name.
 */
export type AddedRequirement = {
  text: string,
  /** Must or nice (an added requirement is never ignored: delete it instead). */
  must: boolean,
};

/**
 * A job's criteria, as the recruiter set them (empty: the description as written).
 */
export type Criteria = {
  /** Choices for the description's requirements, keyed by the requirement's text. */
  requirements: {
    [key in string]: Choice
  },
  /** Choices for skills, keyed by canonical skill name (or the words as written when the lexicon does not know them). */
  skills: {
    [key in string]: Choice
  },
  /** Requirements the recruiter added. */
  added: Array<AddedRequirement>,
  /** Years of experience asked for. */
  min_years: {
    set: "as_written"
  } | {
    set: "none"
  } | {
    set: "to",
    value: number
  },
  /** Degree asked for. */
  degree: {
    set: "as_written"
  } | {
    set: "none"
  } | {
    set: "to",
    value: DegreeLevel
  },
  /** Knockout gates: pass/fail, never points. */
  gates: Array<Gate>,
  /** The score's part weights, when the recruiter changed them (relative; they are scaled to sum to 1). */
  weights: {
    terms: number,
    evidence: number,
    skills: number,
    experience: number,
    education: number,
    readability: number
  } | null,
};

/**
 * A knockout condition.
 */
export type Gate = {
  "kind": "min_years",
  years: number,
} | {
  "kind": "skill",
  name: string,
} | {
  "kind": "min_degree",
  level: DegreeLevel,
} | {
  "kind": "phrase",
  text: string,
};

/**
 * What a gate decided for one candidate.
 */
export type GateStatus = "pass" | "fail" | "unknown";

/**
 * A gate's decision for one candidate, with what decided it.
 */
export type GateResult = {
  gate: Gate,
  status: GateStatus,
  /** Why, in words built from numbers and the gate, never from the resume's text. */
  reason: string,
  /** The resume's line that decided it, when one did (shown to the recruiter only). */
  line: string | null,
};

/**
 * A candidate's gates in one word, for lists and filters.
 */
export type GateSummary = "no_gates" | "pass" | "fail" | "unknown";

/**
 * Where a candidate stands for a job.
 */
export type Stage = "new" | "shortlisted" | "interview" | "offer" | "hired" | "rejected";

/**
 * One thing that happened to a candidate in a job's pipeline.
 */
export type PipelineEvent = {
  "kind": "moved",
  from: Stage,
  to: Stage,
  reason: string | null,
} | {
  "kind": "revealed"
};

/**
 * An event with its time.
 */
export type PipelineEntry = {
  at: string,
  event: PipelineEvent,
};

/**
 * A candidate's place in one job's pipeline.
 */
export type Pipeline = {
  stage: Stage,
  /** Oldest first. */
  history: Array<PipelineEntry>,
  /** Revealed while the job is blind. */
  revealed: boolean,
};

/**
 * A timestamped note on a candidate for a job.
 */
export type Note = {
  /** Position in the candidate's notes for the job (1, 2, …), stable. */
  seq: number,
  at: string,
  text: string,
};

/**
 * A candidate's place in a job's pipeline, as the shortlist shows it beside the score.
 */
export type BoardEntry = {
  resume_id: ResumeId,
  stage: Stage,
  /** The reason given for the move to the current stage. */
  reason: string | null,
  tags: Array<string>,
  notes: number,
  /** Revealed while the job is blind. */
  revealed: boolean,
  /** The number that stands for the candidate while the job is blind ("Candidate 12"). */
  number: number,
  /** The person's position in the ranking (1 first): the versions of one person share it. */
  rank: number,
  /** How many of the job's analysed files are this person's (1: no other version). */
  versions: number,
  /** For an older version of a person: the resume shown on the person's row (their newest file). `None` for the file the row shows. */
  version_of: ResumeId | null,
};

/**
 * A job's pipeline: every analysed candidate's entry and the count per stage.
 */
export type Board = {
  job_id: JobId,
  blind: boolean,
  /** People per stage (by the stage of the file their row shows), in pipeline order (every stage, 0 included). */
  stages: Array<[Stage, number]>,
  /** One entry per analysed file, in the ranking's order of people: each person's row (their newest file) followed by their older versions, newest first. A person is the files linked as possibly or surely the same person (not split). */
  entries: Array<BoardEntry>,
};

/**
 * One requirement of the description, as read and as the criteria apply it.
 */
export type PreviewRequirement = {
  /** The text as written (the key of the recruiter's choice). */
  text: string,
  /** As the description puts it (for an added requirement: as the recruiter added it). */
  read_as: Importance,
  /** What the recruiter chose for it, if anything. */
  choice: Choice | null,
  /** What counts in the score: `None` when it is ignored. */
  applies_as: Importance | null,
  /** The skills it names (canonical). */
  skills: Array<string>,
  /** Added by the recruiter, not in the description. */
  added: boolean,
};

/**
 * A part of the score with the weight that applies and the default.
 */
export type PartWeight = {
  /** `terms`, `evidence`, `skills`, `experience`, `education` or `readability`. */
  part: string,
  /** The share that applies (0–1, the parts sum to 1). */
  applies: number,
  /** The default share. */
  default: number,
};

/**
 * The parse of a job description with the criteria applied, for the editor's live preview.
 */
export type JobPreview = {
  /** The description's requirements, then the added ones. */
  requirements: Array<PreviewRequirement>,
  /** Every skill the description names (the keys of skill choices), in first order. */
  skills: Array<string>,
  /** Skills that count as must-haves after the criteria. */
  required_skills: Array<string>,
  /** Skills that count as nice-to-haves after the criteria. */
  preferred_skills: Array<string>,
  /** Years of experience as the description asks. */
  min_years_read: number | null,
  /** Years that apply. */
  min_years: number | null,
  /** Degree as the description asks. */
  degree_read: DegreeLevel | null,
  /** Degree that applies. */
  degree: DegreeLevel | null,
  /** Whether the description has a "Requirements"/"Nice to have" style block: without one every line counts as required. */
  has_headings: boolean,
  /** The score's parts with their weights. */
  weights: Array<PartWeight>,
  /** The description does not read as English (its requirements may be misread). */
  not_english: boolean,
  /** Why these criteria cannot be saved, if they cannot. */
  problem: string | null,
};

/**
 * One passage of an answer.
 */
export type AnswerPassage = {
  /** The passage. */
  text: string,
  section: Section,
  /** Hybrid score, 0–1. */
  score: number,
  /** Embedding cosine with the question. */
  similarity: number,
  /** Share of the question's words (and skills) found in it. */
  keyword_overlap: number,
  /** The question's words and skills found in it, as they appear in the passage. */
  matched: Array<string>,
};

/**
 * The answer to a question.
 */
export type Answer = {
  /** The analysis asked about. */
  analysis_id: AnalysisId,
  question: string,
  /** The best passages, best first. */
  passages: Array<AnswerPassage>,
};

/**
 * A feedback record.
 */
export type Feedback = {
  /** `fb_` + 12 hex chars. */
  id: FeedbackId,
  /** The analysis asked about. */
  analysis_id: AnalysisId,
  /** Its job. */
  job_id: JobId,
  /** Its resume (derived from the analysis). */
  resume_id: ResumeId,
  question: string,
  /** The answer that was shown. */
  answer: string,
  /** 1–5. */
  rating: number,
  /** The recruiter's correct answer, if they gave one. */
  correction: string | null,
  /** A free comment. */
  comment: string | null,
  /** When it was given. */
  created_at: string,
};

/**
 * What a person submits.
 */
export type FeedbackDraft = {
  /** The analysis asked about. */
  analysis_id: AnalysisId,
  question: string,
  /** The answer that was shown. */
  answer: string,
  /** 1–5. */
  rating: number,
  /** The correct answer, optional. */
  correction: string | null,
  /** A comment, optional. */
  comment: string | null,
};

/**
 * Feedback figures.
 */
export type FeedbackStats = {
  /** All records. */
  total: number,
  /** Count per rating, index 0 = rating 1. */
  by_rating: [number, number, number, number, number],
  /** Mean rating, if any. */
  average: number | null,
  /** Records at or above the high-quality threshold. */
  high_quality: number,
  /** The threshold used. */
  min_rating: number,
  /** Per job: (job ID, count, mean rating). */
  per_job: Array<[JobId, number, number]>,
  /** Per day (YYYY-MM-DD, count), oldest first. */
  per_day: Array<[string, number]>,
};

/**
 * A feedback record similar to a query.
 */
export type FeedbackHit = {
  /** The record. */
  feedback: Feedback,
  /** Cosine similarity with the query. */
  similarity: number,
};

/**
 * What to search among.
 */
export type LibraryFilters = {
  /** Only candidates carrying this tag (compared without case or accents). */
  tag: string | null,
  /** Only candidates analysed for this job (and, while it is blind, without their names). */
  job: JobId | null,
  /** With `job`: only candidates at this stage of its pipeline. */
  stage: Stage | null,
  /** Only resumes first imported at or after this time. */
  imported_after: string | null,
  /** Only resumes first imported before this time. */
  imported_before: string | null,
};

/**
 * A span of a passage's text, in characters (Unicode scalar values), end excluded.
 */
export type Span = {
  start: number,
  end: number,
};

/**
 * A passage of a candidate's resume that matches the query.
 */
export type PassageHit = {
  /** Its number among the resume's passages. */
  index: number,
  section: Section,
  text: string,
  /** Cosine similarity with the query (0 when found by its words only). */
  similarity: number,
  /** Where the query's words are in `text`. */
  highlights: Array<Span>,
};

/**
 * A candidate found by a library search, with the passages that match.
 */
export type LibraryHit = {
  resume_id: ResumeId,
  /** The candidate's name; `None` while withheld (a blind job) or not found. */
  name: string | null,
  /** Where the query's words are in `name`. */
  name_highlights: Array<Span>,
  /** "Candidate 12" while the job filtered on is blind. */
  blind_label: string | null,
  /** The file name (withheld while blind). */
  file_name: string | null,
  first_seen: string,
  tags: Array<string>,
  /** The fused score (higher is better; only the order means something). */
  score: number,
  passages: Array<PassageHit>,
  /** How many other files of this person (linked as possibly or surely the same person, not split) the filters let through; this hit is the person's best-scoring file. */
  other_versions: number,
};

/**
 * Counts and sizes for the storage screen.
 */
export type StorageStats = {
  /** The data directory. */
  data_dir: string,
  /** Number of jobs. */
  jobs: number,
  /** Number of resumes. */
  resumes: number,
  /** Number of analyses. */
  analyses: number,
  /** Number of feedback records. */
  feedback: number,
  /** Bytes of the LMDB file on disk. */
  database_bytes: number,
  /** Bytes of stored PDFs. */
  pdf_bytes: number,
  /** Bytes of stored Word files. */
  docx_bytes: number,
  /** Bytes of extracted text. */
  text_bytes: number,
  /** The schema version of the store. */
  schema_version: number,
  /** Free bytes on the disk holding the data directory, if known. */
  disk_free_bytes: number | null,
  /** Size of that disk, if known. */
  disk_total_bytes: number | null,
};

/**
 * What an erasure removed.
 */
export type ErasureReport = {
  /** The resume erased. */
  resume_id: ResumeId | null,
  /** Analyses removed. */
  analyses: number,
  /** Feedback records removed. */
  feedback: number,
};

/**
 * What deleting a job removes (or, before it is deleted, would remove).
 */
export type JobDeletion = {
  /** The job. */
  job_id: JobId,
  /** Its analyses (one per candidate scored against it). */
  analyses: number,
  /** Feedback records on those analyses. */
  feedback: number,
  /** Notes on its candidates. */
  notes: number,
  /** The current job afterwards: unchanged, or, when the deleted job was the current one, the newest remaining job that is not archived (none when there is no such job). */
  current_job: JobId | null,
};

/**
 * One file in a backup.
 */
export type ManifestEntry = {
  /** Path inside the archive (and the data directory). */
  path: string,
  /** Size in bytes. */
  size: number,
  /** SHA-256, lowercase hex. */
  sha256: string,
};

/**
 * What a backup holds.
 */
export type Manifest = {
  /** Archive layout version. */
  format: number,
  /** Store schema version of the copied database. */
  schema_version: number,
  /** When it was made. */
  created_at: string,
  /** Resumes in the copy. */
  resumes: number,
  /** Jobs in the copy. */
  jobs: number,
  /** Every file but the manifest. */
  files: Array<ManifestEntry>,
};

/**
 * A backup chosen for restoring, checked but not yet applied.
 */
export type BackupChoice = {
  /** The archive. */
  path: string,
  /** What it holds. */
  manifest: Manifest,
};

/**
 * The one error shape the window sees: a stable code and one human sentence.
 */
export type IpcError = {
  /** Stable, for the UI to branch on (see [`Error::code`]). */
  code: ErrorCode,
  /** For the recruiter; never quotes candidate text. */
  message: string,
};
