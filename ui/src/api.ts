// Typed wrappers over the shell's commands. The payload types mirror the Rust types in
// shortlist-core (serde's JSON form).
import { Channel, invoke } from "@tauri-apps/api/core";

export interface Job {
  id: string;
  company: string;
  role: string;
  description: string;
  created_at: string;
  updated_at: string;
  archived: boolean;
}

export interface JobSummary extends Job {
  analysis_count: number;
  current: boolean;
}

export interface JobDraft {
  company: string;
  role: string;
  description: string;
}

export type ExtractionWarning = "little_text" | "image_pages" | "hidden_text";

export interface Resume {
  id: string;
  sha256: string;
  file_names: string[];
  size_bytes: number;
  pages: number;
  text_chars: number;
  contact: { name: string | null; email: string | null; phone: string | null; links: string[] };
  warnings: ExtractionWarning[];
  first_seen: string;
  last_seen: string;
}

export interface ResumeDetail {
  resume: Resume;
  text: string;
}

export interface StorageStats {
  data_dir: string;
  jobs: number;
  resumes: number;
  analyses: number;
  feedback: number;
  database_bytes: number;
  pdf_bytes: number;
  text_bytes: number;
  schema_version: number;
  disk_free_bytes: number | null;
  disk_total_bytes: number | null;
}

export interface AnalysisRef {
  id: string;
  score: number;
}

export type FileResult =
  | { path: string; status: "added"; resume_id: string; analysis: AnalysisRef | null }
  | { path: string; status: "duplicate"; resume_id: string; analysis: AnalysisRef | null }
  | { path: string; status: "failed"; code: string; reason: string };

export interface ImportSummary {
  added: number;
  duplicates: number;
  failed: number;
  cancelled: boolean;
}

export type ImportEvent =
  | { kind: "started"; total: number }
  | { kind: "file"; done: number; total: number; result: FileResult };

export type Importance = "required" | "preferred";

export interface Part {
  value: number;
  weight: number;
  points: number;
  detail: string;
}

export type Flag = "hidden_text" | "keyword_stuffing" | "little_text" | "no_dates";

/** A page of a resume rendered by PDFium (`PagePreview` in the shell). */
export interface PagePreview {
  data_url: string;
  page: number;
  pages: number;
}

/** A backup file, checked, with what it holds (`BackupChoice` in the shell). */
export interface BackupChoice {
  path: string;
  manifest: { format: number; schema_version: number; created_at: string; resumes: number; jobs: number };
}

export interface ErasureReport {
  resume_id: string | null;
  analyses: number;
  feedback: number;
}

/** One row of a job's shortlist (`ShortlistRow` in the core): what the list shows. */
export interface ShortlistRow {
  analysis_id: string;
  resume_id: string;
  score: number;
  name: string;
  years: number;
  matched: { skill: string; evidenced: boolean }[];
  missing_required: string[];
  flags: Flag[];
  feedback_count: number;
  /** Unix seconds. */
  created_at: number;
}

export interface Analysis {
  id: string;
  job_id: string;
  resume_id: string;
  engine_version: number;
  score: number;
  breakdown: {
    skills: Part;
    evidence: Part;
    experience: Part;
    education: Part;
    readability: Part;
  };
  matched_skills: { skill: string; importance: Importance; evidenced: boolean }[];
  missing_skills: { skill: string; importance: Importance }[];
  evidence: { requirement: string; importance: Importance; passage: string | null; similarity: number }[];
  candidate: {
    name: string | null;
    email: string | null;
    phone: string | null;
    links: string[];
    years: number;
    degree: string | null;
  };
  flags: Flag[];
  created_at: string;
  history: { score: number; engine_version: number; at: string }[];
  feedback_count: number;
}

export interface AnswerPassage {
  text: string;
  section: string;
  score: number;
  similarity: number;
  keyword_overlap: number;
  matched: string[];
}

export interface Answer {
  analysis_id: string;
  question: string;
  passages: AnswerPassage[];
}

export interface Feedback {
  id: string;
  analysis_id: string;
  job_id: string;
  resume_id: string;
  question: string;
  answer: string;
  rating: number;
  correction: string | null;
  comment: string | null;
  created_at: string;
}

export interface FeedbackDraft {
  analysis_id: string;
  question: string;
  answer: string;
  rating: number;
  correction: string | null;
  comment: string | null;
}

export interface FeedbackStats {
  total: number;
  by_rating: [number, number, number, number, number];
  average: number | null;
  high_quality: number;
  min_rating: number;
  per_job: [string, number, number][];
  per_day: [string, number][];
}

export interface BatchReport {
  analysed: number;
  failed: [string, string][];
}

export interface IpcError {
  code: string;
  message: string;
}

/** The one human message for any failure of a command. */
export function errorMessage(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e) {
    return String((e as IpcError).message);
  }
  return String(e);
}

export const api = {
  listJobs: (query: string, includeArchived: boolean) =>
    invoke<JobSummary[]>("list_jobs", { query, includeArchived }),
  createJob: (draft: JobDraft) => invoke<Job>("create_job", { draft }),
  updateJob: (id: string, draft: JobDraft) => invoke<Job>("update_job", { id, draft }),
  selectJob: (id: string) => invoke<JobSummary>("select_job", { id }),
  setJobArchived: (id: string, archived: boolean) =>
    invoke<Job>("set_job_archived", { id, archived }),
  listResumes: () => invoke<Resume[]>("list_resumes"),
  resumeDetail: (id: string) => invoke<ResumeDetail>("resume_detail", { id }),
  storageStats: () => invoke<StorageStats>("storage_stats"),
  askQuestion: (analysisId: string, question: string) =>
    invoke<Answer>("ask_question", { analysisId, question }),
  addFeedback: (draft: FeedbackDraft) => invoke<Feedback>("add_feedback", { draft }),
  listFeedback: (analysisId: string) => invoke<Feedback[]>("list_feedback", { analysisId }),
  exportFeedback: (kind: "csv" | "training") => invoke<string | null>("export_feedback", { kind }),
  backupToFile: () => invoke<string | null>("backup_to_file"),
  chooseBackup: () => invoke<BackupChoice | null>("choose_backup"),
  restoreBackup: (path: string) => invoke<void>("restore_backup", { path }),
  eraseResume: (id: string) => invoke<ErasureReport>("erase_resume", { id }),
  startupNotice: () => invoke<string | null>("startup_notice"),
  resumePage: (id: string, page: number) => invoke<PagePreview>("resume_page", { id, page }),
  feedbackStats: () => invoke<FeedbackStats>("feedback_stats"),
  shortlist: (jobId: string) => invoke<ShortlistRow[]>("shortlist", { jobId }),
  uiReady: (originMs: number, scriptMs: number, loadedMs: number) =>
    invoke<void>("ui_ready", { originMs, scriptMs, loadedMs }),
  analysisDetail: (id: string) => invoke<Analysis>("analysis_detail", { id }),
  analyzeAll: (jobId: string, onProgress: (p: { done: number; total: number }) => void) => {
    const channel = new Channel<{ done: number; total: number }>();
    channel.onmessage = onProgress;
    return invoke<BatchReport>("analyze_all", { jobId, onProgress: channel });
  },
  pickResumes: () => invoke<string[]>("pick_resumes"),
  importPaths: (paths: string[], onEvent: (e: ImportEvent) => void) => {
    const channel = new Channel<ImportEvent>();
    channel.onmessage = onEvent;
    return invoke<ImportSummary>("import_paths", { paths, onEvent: channel });
  },
  cancelImport: () => invoke<boolean>("cancel_import"),
};
