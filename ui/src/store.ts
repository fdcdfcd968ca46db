// The window's one store: state in slices (each view subscribes to the slices it shows), the
// drafts of unsaved edits, and a cache of what the shell returned, invalidated by tag after
// each command (a command names what it changed; what is shown of it is loaded again).
import {
  type Analysis,
  type Answer,
  api,
  type BackupChoice,
  type Board,
  type Criteria,
  type Feedback,
  type FeedbackHit,
  type FeedbackStats,
  type FileResult,
  type ImportSummary,
  type JobDraft,
  type JobSummary,
  type LibraryRow,
  type Note,
  type PagePreview,
  type RescoreProgress,
  type ResumeDetail,
  type ScoreBands,
  type ShortlistRow,
  type Stage,
  type StorageStats,
} from "./api";
import { attempt } from "./ui";

export type View = "shortlist" | "jobs" | "resumes" | "search" | "storage";
export type Sort = "score" | "name" | "years" | "recent";

export interface ImportState {
  running: boolean;
  done: number;
  total: number;
  results: FileResult[];
  summary: ImportSummary | null;
}

/** What a job editor is open on: a stored job's ID, or a new job. */
export type EditorKey = string | "new";

export const state = {
  app: {
    view: "shortlist" as View,
    /** The score bands' thresholds and the current engine version, from the core. */
    bands: null as ScoreBands | null,
    /** Scoring analyses of an older engine again, in the background (null: nothing to do). */
    rescore: null as RescoreProgress | null,
    /** A job saved in this window with a new description or criteria, whose analyses the
     * background re-score brings up to date (set before the save, so a run that ends before
     * the save's answer is worded for it too). */
    rescoreEdit: null as { role: string; criteria: boolean; text: boolean } | null,
    /** Why the running re-score runs, as its texts say it ("by the current engine"…), fixed
     * when it starts (the rows are stale then). */
    rescoreWhy: "",
  },
  jobs: {
    /** Every job that is not archived (the picker at the top, the current job). */
    all: [] as JobSummary[],
    /** The jobs that match the search in the Jobs view. */
    list: [] as JobSummary[],
    query: "",
    /** The job in the editor (null: none). */
    editing: null as EditorKey | null,
    /** Where the user asked to go while the editor holds unsaved changes (asked first). */
    leaving: null as { to: EditorKey | null } | null,
  },
  shortlist: {
    ranked: [] as ShortlistRow[],
    /** The job `ranked` is of (the rows of the previous job stay until the new ones load). */
    rankedFor: null as string | null,
    filter: "",
    sort: "score" as Sort,
    /** The selected row's analysis ID. */
    selected: null as string | null,
    /** The analysis pinned for a side-by-side comparison with the selected one. */
    compareWith: null as Analysis | null,
    analyzing: null as { done: number; total: number } | null,
    /** A single-resume analysis in progress (its resume or analysis ID), to disable its button. */
    scoring: null as string | null,
    /** The current job's pipeline: each candidate's stage, tags, notes count, blind number. */
    board: null as Board | null,
    /** The rows picked for a bulk action (analysis IDs), besides the open one. */
    picked: new Set<string>(),
    /** Where shift-click and Shift+j/k extend a range from. */
    anchor: null as string | null,
    stage: "" as Stage | "",
    passingOnly: false,
    groupByStage: false,
    /** The open candidate's notes for the current job. */
    notes: [] as Note[],
  },
  analysis: {
    /** The selected analysis as the shell last returned it. */
    detail: null as Analysis | null,
    feedback: [] as Feedback[],
  },
  ask: {
    /** The last answer about the open analysis. */
    answer: null as Answer | null,
    /** Feedback on questions like the last one asked (vector search over all feedback). */
    similar: [] as FeedbackHit[],
    /** The question being typed (a draft: it survives the section being drawn again). */
    question: "",
  },
  resumes: {
    list: [] as LibraryRow[],
    selected: null as ResumeDetail | null,
    /** The rendered page shown beside the selected resume's text. */
    preview: null as (PagePreview & { id: string; zoom: number }) | null,
    /** The page preview's zoom: 1 fits the pane's width. */
    zoom: 1,
    /** The resume whose erasure waits for confirmation. */
    confirmErase: null as string | null,
    import: null as ImportState | null,
  },
  storage: {
    stats: null as StorageStats | null,
    feedbackStats: null as FeedbackStats | null,
    /** A checked backup waiting for the user's confirmation. */
    restoreChoice: null as BackupChoice | null,
  },
};

export type Slice = keyof typeof state;

// ---------- subscriptions ----------

const listeners = new Map<Slice, Set<() => void>>();

/** Calls `render` whenever one of `slices` changes. */
export function subscribe(slices: Slice[], render: () => void) {
  for (const slice of slices) {
    let set = listeners.get(slice);
    if (!set) {
      set = new Set();
      listeners.set(slice, set);
    }
    set.add(render);
  }
}

/** Tells the views showing `slices` that they changed (each view renders once). */
export function notify(...slices: Slice[]) {
  const due = new Set<() => void>();
  for (const slice of slices) for (const fn of listeners.get(slice) ?? []) due.add(fn);
  for (const fn of due) fn();
}

/** Changes a slice and tells its views. */
export function update<S extends Slice>(slice: S, change: Partial<(typeof state)[S]>) {
  Object.assign(state[slice], change);
  notify(slice);
}

// ---------- drafts of unsaved edits ----------

const drafts = new Map<EditorKey, JobDraft>();

/** The unsaved edit of a job, if any. */
export function draftOf(key: EditorKey): JobDraft | undefined {
  return drafts.get(key);
}

export function keepDraft(key: EditorKey, draft: JobDraft) {
  drafts.set(key, draft);
}

export function dropDraft(key: EditorKey) {
  drafts.delete(key);
  criteriaDrafts.delete(key);
}

const criteriaDrafts = new Map<EditorKey, Criteria>();

/** The unsaved criteria of a job's editor, if any. */
export function criteriaDraftOf(key: EditorKey): Criteria | undefined {
  return criteriaDrafts.get(key);
}

export function keepCriteriaDraft(key: EditorKey, criteria: Criteria) {
  criteriaDrafts.set(key, criteria);
}

/** The criteria stored with the job (a new job: none). */
export function savedCriteria(key: EditorKey): Criteria {
  const job = key === "new" ? undefined : state.jobs.all.find((j) => j.id === key);
  return (
    job?.criteria ?? {
      requirements: {},
      skills: {},
      added: [],
      min_years: { set: "as_written" },
      degree: { set: "as_written" },
      gates: [],
      weights: null,
    }
  );
}

/** Whether the criteria of `key` were changed and not saved. */
export function criteriaDirty(key: EditorKey): boolean {
  const draft = criteriaDrafts.get(key);
  return draft !== undefined && canonical(draft) !== canonical(savedCriteria(key));
}

function canonical(c: Criteria): string {
  const sorted = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ ...c, requirements: sorted(c.requirements), skills: sorted(c.skills) });
}

/** What the editor of `key` shows when nothing was typed: the stored job, or nothing. */
export function savedJob(key: EditorKey): JobDraft {
  const job = key === "new" ? undefined : state.jobs.all.find((j) => j.id === key);
  return { company: job?.company ?? "", role: job?.role ?? "", description: job?.description ?? "" };
}

/** Whether the editor of `key` holds changes that are not saved. */
export function isDirty(key: EditorKey | null): boolean {
  if (key === null) return false;
  if (criteriaDirty(key)) return true;
  const draft = drafts.get(key);
  if (!draft) return false;
  const saved = savedJob(key);
  return draft.company !== saved.company || draft.role !== saved.role || draft.description !== saved.description;
}

// ---------- cache, invalidated by tag ----------

/** What a command can change; each cached answer names the tags it depends on. */
export type Tag = "jobs" | "shortlist" | "analysis" | "feedback" | "resumes" | "stats";

const cache = new Map<string, { tags: Tag[]; value: Promise<unknown> }>();

/** The shell's answer for `key`, from the cache unless a command has invalidated its tags. */
function cached<T>(key: string, tags: Tag[], load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) return hit.value as Promise<T>;
  const value = load();
  cache.set(key, { tags, value });
  value.catch(() => cache.delete(key));
  return value;
}

/** Forgets every cached answer that depends on one of `tags`. */
export function invalidate(tags: Tag[]) {
  for (const [key, entry] of cache) {
    if (entry.tags.some((t) => tags.includes(t))) cache.delete(key);
  }
}

/** Loads again what is shown of each tag (after a command, or a change made elsewhere). */
export async function reload(tags: Tag[]) {
  invalidate(tags);
  const work: Promise<unknown>[] = [];
  if (tags.includes("jobs")) work.push(loadJobs());
  if (tags.includes("stats")) work.push(loadStats());
  if (tags.includes("resumes")) work.push(loadResumes(), reloadResume());
  await Promise.all(work);
  // The shortlist and the open analysis depend on which job is current.
  const after: Promise<unknown>[] = [];
  if (tags.includes("shortlist") || tags.includes("jobs")) after.push(loadRanked());
  if (tags.includes("analysis") || tags.includes("feedback")) after.push(reloadAnalysis());
  await Promise.all(after);
}

/**
 * Runs a command of the shell that changes `tags`; afterwards what is shown of them is loaded
 * again. A failure is shown as its message and gives `undefined` (nothing is invalidated).
 */
export async function command<T>(work: () => Promise<T>, tags: Tag[]): Promise<T | undefined> {
  const result = await attempt(work);
  if (result !== undefined) {
    // Our own write: not a change made elsewhere. Its version is read at once, before what it
    // changed loads again, so a change made elsewhere meanwhile (a stage moved from the
    // command line) is not taken for ours and is loaded by the next check.
    seenVersion = await api.dataVersion().catch(() => seenVersion);
    await reload(tags);
  }
  return result;
}

/** The data folder's version last seen (see [`watchChangesElsewhere`]). */
let seenVersion: number | null = null;

/**
 * Changes made elsewhere (the command line, a second window) show within a few seconds: while
 * the window is visible, the data folder's version (it moves with every write by any process)
 * is polled, and when it moved everything shown is loaded again — a job made blind from the
 * command line hides its names here too. Not while an import runs: it writes
 * continuously and loads what it changes itself.
 */
export async function watchChangesElsewhere() {
  seenVersion = await api.dataVersion().catch(() => null);
  const check = async () => {
    if (document.hidden || state.resumes.import?.running) return;
    const v = await api.dataVersion().catch(() => null);
    if (v === null) return;
    const moved = seenVersion !== null && v !== seenVersion;
    seenVersion = v;
    if (moved) await reload(["jobs", "resumes", "stats", "shortlist", "analysis", "feedback"]);
  };
  window.setInterval(() => void check(), 3000);
  document.addEventListener("visibilitychange", () => void check());
}

// ---------- loading ----------

export function currentJob(): JobSummary | undefined {
  return state.jobs.all.find((j) => j.current);
}

export async function loadJobs() {
  const query = state.jobs.query;
  const all = cached("jobs:", ["jobs"], () => api.listJobs("", false));
  // The jobs list's search is by words and by meaning ("data role in logistics"), in the
  // command's order; should the model be unavailable, by words only.
  const found = query.trim()
    ? cached(`jobs-search:${query}`, ["jobs"], () =>
        api.searchJobs(query, false).catch(() => api.listJobs(query, false)),
      )
    : all;
  const jobs = await attempt(() => Promise.all([all, found]));
  if (jobs && query === state.jobs.query) update("jobs", { all: jobs[0], list: jobs[1] });
}

/** The library (every resume record): the largest payload, loaded only where it is shown. */
let resumesWanted = false;
export async function loadResumes() {
  if (!resumesWanted) return;
  const resumes = await attempt(() => cached("resumes", ["resumes"], () => api.listResumes()));
  if (resumes) update("resumes", { list: resumes });
}

/** Shows the library from now on (the Resumes view is open), loaded fresh. */
export async function wantResumes() {
  resumesWanted = true;
  invalidate(["resumes"]);
  await loadResumes();
}

export async function loadStats() {
  const [stats, feedback] = await Promise.all([
    attempt(() => cached("stats", ["stats"], () => api.storageStats())),
    attempt(() => cached("feedback-stats", ["stats", "feedback"], () => api.feedbackStats())),
  ]);
  const change: Partial<typeof state.storage> = {};
  if (stats) change.stats = stats;
  if (feedback) change.feedbackStats = feedback;
  update("storage", change);
}

export async function loadBands() {
  if (state.app.bands) return;
  const bands = await attempt(() => api.scoreBands());
  if (bands) update("app", { bands });
}

/**
 * A shortlist row as the window uses it. Rows are passed through as stored, and rows written
 * before engine 2 have no `band` nor `engine_version`: such a row is engine 1's.
 */
function storedRow(row: ShortlistRow): ShortlistRow {
  const r = row as Omit<ShortlistRow, "band" | "engine_version"> &
    Partial<Pick<ShortlistRow, "band" | "engine_version">>;
  return { ...r, engine_version: r.engine_version ?? 1, band: r.band ?? "weak" };
}

export async function loadRanked() {
  const job = currentJob();
  if (!job) {
    update("shortlist", { ranked: [], rankedFor: null, selected: null });
    return;
  }
  const loaded = await attempt(() => cached(`shortlist:${job.id}`, ["shortlist"], () => api.shortlistBoard(job.id)));
  if (!loaded || currentJob()?.id !== job.id) return;
  const [ranked, board] = loaded;
  const rows = ranked.map(storedRow);
  const s = state.shortlist;
  const keep = s.selected !== null && rows.some((r) => r.analysis_id === s.selected);
  const ids = new Set(rows.map((r) => r.analysis_id));
  const picked = new Set([...s.picked].filter((id) => ids.has(id)));
  update("shortlist", { ranked: rows, rankedFor: job.id, board, picked, selected: keep ? s.selected : null });
  if (!keep && state.analysis.detail) {
    state.ask = { answer: null, similar: [], question: "" };
    update("analysis", { detail: null, feedback: [] });
  }
}

function analysisOf(id: string) {
  return Promise.all([
    cached(`analysis:${id}`, ["analysis"], () => api.analysisDetail(id)),
    cached(`feedback:${id}`, ["feedback"], () => api.listFeedback(id)),
  ]);
}

/** Selects a shortlist row and opens its analysis (the last one chosen wins). */
export async function selectAnalysis(id: string) {
  if (state.shortlist.selected !== id) update("shortlist", { selected: id });
  const loaded = await attempt(() => analysisOf(id));
  if (!loaded || state.shortlist.selected !== id) return;
  const [detail, feedback] = loaded;
  if (state.analysis.detail?.id !== id) state.ask = { answer: null, similar: [], question: "" };
  const notes = await attempt(() =>
    cached(`notes:${detail.job_id}:${detail.resume_id}`, ["shortlist"], () =>
      api.listNotes(detail.job_id, detail.resume_id),
    ),
  );
  state.shortlist.notes = notes ?? [];
  update("analysis", { detail, feedback });
}

/** The open analysis and its feedback as the store holds them now. */
async function reloadAnalysis() {
  const id = state.analysis.detail?.id;
  if (id && state.shortlist.selected === id) await selectAnalysis(id);
  const pinned = state.shortlist.compareWith;
  if (pinned) {
    const fresh = await attempt(() =>
      cached(`analysis:${pinned.id}`, ["analysis"], () => api.analysisDetail(pinned.id)),
    );
    if (fresh && state.shortlist.compareWith?.id === fresh.id) update("shortlist", { compareWith: fresh });
  }
}

export async function openResume(id: string) {
  const detail = await attempt(() => cached(`resume:${id}`, ["resumes"], () => api.resumeDetail(id)));
  if (!detail) return;
  const keepPreview = state.resumes.preview?.id === id;
  update("resumes", { selected: detail, preview: keepPreview ? state.resumes.preview : null });
  // A Word resume has no pages to render.
  if (!keepPreview && detail.resume.format === "pdf" && !detail.withheld) await showPage(id, 0);
}

async function reloadResume() {
  const id = state.resumes.selected?.resume.id;
  if (id) await openResume(id);
}

/** Renders page `page` of a resume (PDFium, in a worker) and shows it. */
export async function showPage(id: string, page: number) {
  const zoom = state.resumes.zoom;
  // Rendered at the size it is shown (device pixels), so a zoomed page stays sharp.
  const shownWidth = (document.getElementById("page-section")?.clientWidth || 560) * zoom;
  const width = Math.min(2000, Math.round(shownWidth * (window.devicePixelRatio || 1)));
  const p = await attempt(() =>
    cached(`page:${id}:${page}:${width}`, ["resumes"], () => api.resumePage(id, page, width)),
  );
  if (!p || state.resumes.selected?.resume.id !== id || state.resumes.zoom !== zoom) return;
  update("resumes", { preview: { ...p, id, zoom } });
}

/** Everything the first screen shows. */
export async function loadAll() {
  await Promise.all([loadJobs(), loadStats(), loadBands(), loadResumes()]);
  await loadRanked();
}
