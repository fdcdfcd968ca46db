// Typed wrappers over the shell's commands. Every payload type comes from ./bindings, which
// is generated from the Rust types (shortlist-core's wire module, `make bindings`) and checked
// by the core's tests, so this file cannot drift from what the shell serialises.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type {
  Analysis,
  AnalyzeProgress,
  Answer,
  BackupChoice,
  BatchReport,
  Board,
  Criteria,
  ErasureReport,
  Feedback,
  FeedbackDraft,
  FeedbackHit,
  FeedbackStats,
  ImportEvent,
  ImportSummary,
  IpcError,
  Job,
  JobDeletion,
  JobDraft,
  JobPreview,
  JobSummary,
  LibraryFilters,
  LibraryHit,
  LibraryRow,
  Note,
  PagePreview,
  Pipeline,
  RescoreProgress,
  ResumeDetail,
  SamePerson,
  ScoreBands,
  ShortlistRow,
  Stage,
  StorageStats,
} from "./bindings";

export type * from "./bindings";

/** The one human message for any failure of a command. */
export function errorMessage(e: unknown): string {
  if (typeof e === "object" && e !== null && "message" in e) {
    return String((e as IpcError).message);
  }
  return String(e);
}

export const api = {
  listJobs: (query: string, includeArchived: boolean) => invoke<JobSummary[]>("list_jobs", { query, includeArchived }),
  createJob: (draft: JobDraft) => invoke<Job>("create_job", { draft }),
  /** `seen`: the job's `updated_at` as the editor loaded it (a change made since is refused). */
  updateJob: (id: string, draft: JobDraft, seen?: string) => invoke<Job>("update_job", { id, draft, seen }),
  selectJob: (id: string) => invoke<JobSummary>("select_job", { id }),
  setJobArchived: (id: string, archived: boolean) => invoke<Job>("set_job_archived", { id, archived }),
  /** What deleting the job would remove (nothing is changed). */
  jobDeletionCounts: (id: string) => invoke<JobDeletion>("job_deletion_counts", { id }),
  /** Deletes the job for good with its analyses, stages, notes and feedback (resumes stay). */
  deleteJob: (id: string) => invoke<JobDeletion>("delete_job", { id }),
  /** The library search by meaning and words; with `like`, people like that resume (the query unused). */
  searchLibrary: (query: string, filters: LibraryFilters, limit: number, like: string | null) =>
    invoke<LibraryHit[]>("search_library", { query, filters, limit, like }),
  /** The jobs list's search by words and by meaning, best first. */
  searchJobs: (query: string, includeArchived: boolean) =>
    invoke<JobSummary[]>("search_jobs", { query, includeArchived }),
  listResumes: () => invoke<LibraryRow[]>("list_resumes"),
  analyzeResume: (jobId: string, resumeId: string) => invoke<Analysis>("analyze_resume", { jobId, resumeId }),
  similarFeedback: (query: string) => invoke<FeedbackHit[]>("similar_feedback", { query }),
  resumeDetail: (id: string) => invoke<ResumeDetail>("resume_detail", { id }),
  storageStats: () => invoke<StorageStats>("storage_stats"),
  dataVersion: () => invoke<number>("data_version"),
  askQuestion: (analysisId: string, question: string) => invoke<Answer>("ask_question", { analysisId, question }),
  addFeedback: (draft: FeedbackDraft) => invoke<Feedback>("add_feedback", { draft }),
  listFeedback: (analysisId: string) => invoke<Feedback[]>("list_feedback", { analysisId }),
  exportFeedback: (kind: "csv" | "training") => invoke<string | null>("export_feedback", { kind }),
  backupToFile: () => invoke<string | null>("backup_to_file"),
  chooseBackup: () => invoke<BackupChoice | null>("choose_backup"),
  restoreBackup: (path: string) => invoke<void>("restore_backup", { path }),
  eraseResume: (id: string) => invoke<ErasureReport>("erase_resume", { id }),
  startupNotice: () => invoke<string | null>("startup_notice"),
  startupError: () => invoke<string | null>("startup_error"),
  /** Page `page` rendered `width` pixels wide (the preview's size at its zoom). */
  resumePage: (id: string, page: number, width: number) => invoke<PagePreview>("resume_page", { id, page, width }),
  samePerson: (id: string) => invoke<SamePerson[]>("same_person", { id }),
  linkResumes: (id: string, other: string) => invoke<SamePerson[]>("link_resumes", { id, other }),
  unlinkResumes: (id: string, other: string) => invoke<SamePerson[]>("unlink_resumes", { id, other }),
  feedbackStats: () => invoke<FeedbackStats>("feedback_stats"),
  shortlist: (jobId: string) => invoke<ShortlistRow[]>("shortlist", { jobId }),
  uiReady: (originMs: number, scriptMs: number, loadedMs: number) =>
    invoke<void>("ui_ready", { originMs, scriptMs, loadedMs }),
  analysisDetail: (id: string) => invoke<Analysis>("analysis_detail", { id }),
  analyzeAll: (jobId: string, onProgress: (p: AnalyzeProgress) => void) => {
    const channel = new Channel<AnalyzeProgress>();
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
  scoreBands: () => invoke<ScoreBands>("score_bands"),
  rescoreStatus: () => invoke<RescoreProgress | null>("rescore_status"),
  cancelRescore: () => invoke<boolean>("cancel_rescore"),
  /** Progress of scoring analyses of an older engine again (the shell starts it after the first paint). */
  previewJob: (description: string, criteria: Criteria) => invoke<JobPreview>("preview_job", { description, criteria }),
  setJobCriteria: (id: string, criteria: Criteria, seen?: string) =>
    invoke<Job>("set_job_criteria", { id, criteria, seen }),
  setJobBlind: (id: string, blind: boolean) => invoke<Job>("set_job_blind", { id, blind }),
  /** The shortlist's rows (names withheld while the job is blind) and the job's pipeline. */
  shortlistBoard: (jobId: string) => invoke<[ShortlistRow[], Board]>("shortlist_board", { jobId }),
  setStage: (jobId: string, resumeIds: string[], stage: Stage, reason: string | null) =>
    invoke<number>("set_stage", { jobId, resumeIds, stage, reason }),
  candidatePipeline: (jobId: string, resumeId: string) => invoke<Pipeline>("candidate_pipeline", { jobId, resumeId }),
  revealCandidate: (jobId: string, resumeId: string) => invoke<Pipeline>("reveal_candidate", { jobId, resumeId }),
  addNote: (jobId: string, resumeId: string, text: string) => invoke<Note>("add_note", { jobId, resumeId, text }),
  listNotes: (jobId: string, resumeId: string) => invoke<Note[]>("list_notes", { jobId, resumeId }),
  addTag: (resumeIds: string[], tag: string) => invoke<number>("add_tag", { resumeIds, tag }),
  removeTag: (resumeId: string, tag: string) => invoke<boolean>("remove_tag", { resumeId, tag }),
  exportShortlist: (jobId: string, stage: Stage | null, passing: boolean) =>
    invoke<string | null>("export_shortlist", { jobId, stage, passing }),
  /** The shortlist CSV of the picked candidates only; `null` when the save dialog is cancelled. */
  exportShortlistSelection: (jobId: string, resumeIds: string[]) =>
    invoke<string | null>("export_shortlist_selection", { jobId, resumeIds }),
  /** The picked resumes of the library as CSV; `null` when the save dialog is cancelled. */
  exportLibrarySelection: (resumeIds: string[]) => invoke<string | null>("export_library_selection", { resumeIds }),
  libraryTags: () => invoke<[string, string[]][]>("library_tags"),
  pickResumeFolders: () => invoke<string[]>("pick_resume_folders"),
  openResumeExternally: (id: string) => invoke<void>("open_resume_externally", { id }),
  onRescore: (handler: (p: RescoreProgress) => void): Promise<UnlistenFn> =>
    listen<RescoreProgress>("rescore-progress", (e) => handler(e.payload)),
};
