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

export type ExtractionWarning = "little_text" | "image_pages";

export interface Resume {
  id: string;
  sha256: string;
  file_names: string[];
  size_bytes: number;
  pages: number;
  text_chars: number;
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
  pickResumes: () => invoke<string[]>("pick_resumes"),
  importPaths: (paths: string[], onEvent: (e: ImportEvent) => void) => {
    const channel = new Channel<ImportEvent>();
    channel.onmessage = onEvent;
    return invoke<ImportSummary>("import_paths", { paths, onEvent: channel });
  },
  cancelImport: () => invoke<boolean>("cancel_import"),
};
