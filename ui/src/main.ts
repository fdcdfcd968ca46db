import { getCurrentWebview } from "@tauri-apps/api/webview";
import {
  api,
  errorMessage,
  type Analysis,
  type Band,
  type Flag,
  type Part,
  type RescoreProgress,
  type ScoreBands,
  type ShortlistRow,
  type BackupChoice,
  type PagePreview,
  type Answer,
  type Feedback,
  type FeedbackHit,
  type FeedbackStats,
  type FileResult,
  type ImportSummary,
  type JobDraft,
  type JobSummary,
  type LibraryRow,
  type ResumeDetail,
  type StorageStats,
} from "./api";
import { baseName, formatBytes, formatDate, h } from "./dom";

type View = "shortlist" | "jobs" | "resumes" | "storage";

interface ImportState {
  running: boolean;
  done: number;
  total: number;
  results: FileResult[];
  summary: ImportSummary | null;
}

const state = {
  view: "shortlist" as View,
  ranked: [] as ShortlistRow[],
  /** Rows of the shortlist in the DOM; more are appended as the list scrolls. */
  shortlistShown: 0,
  selectedAnalysis: null as Analysis | null,
  answer: null as Answer | null,
  shortlistFilter: "",
  shortlistSort: "score" as "score" | "name" | "years" | "recent",
  feedback: [] as Feedback[],
  analyzing: null as { done: number; total: number } | null,
  jobs: [] as JobSummary[],
  jobQuery: "",
  editingJob: null as JobSummary | null | "new",
  resumes: [] as LibraryRow[],
  /** Feedback on questions like the last one asked (vector search over all feedback). */
  similar: [] as FeedbackHit[],
  /** A single-resume analysis in progress (its resume or analysis ID), to disable its button. */
  scoring: null as string | null,
  selectedResume: null as ResumeDetail | null,
  /** A checked backup waiting for the user's confirmation. */
  restoreChoice: null as BackupChoice | null,
  /** The analysis pinned for a side-by-side comparison with the selected one. */
  compareWith: null as Analysis | null,
  /** The rendered page shown beside the selected resume's text. */
  preview: null as (PagePreview & { id: string }) | null,
  /** The resume whose erasure waits for confirmation. */
  confirmErase: null as string | null,
  stats: null as StorageStats | null,
  feedbackStats: null as FeedbackStats | null,
  importState: null as ImportState | null,
  /** The score bands' thresholds and the current engine version, from the core. */
  bands: null as ScoreBands | null,
  /** Scoring analyses of an older engine again, in the background (null: nothing to do). */
  rescore: null as RescoreProgress | null,
  error: null as string | null,
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewEl = $("view");
const jobSelect = $<HTMLSelectElement>("job-select");

function toast(message: string, kind: "info" | "error" = "info") {
  const el = $("toast");
  el.textContent = message;
  el.className = `show ${kind}`;
  window.setTimeout(() => (el.className = ""), 5000);
}

async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    toast(errorMessage(e), "error");
    return undefined;
  }
}

// ---------- data loading ----------

async function loadJobs() {
  const jobs = await attempt(() => api.listJobs(state.jobQuery, false));
  if (jobs) state.jobs = jobs;
  renderJobSelect();
}

async function loadResumes() {
  const resumes = await attempt(() => api.listResumes());
  if (resumes) state.resumes = resumes;
}

async function loadStats() {
  const [stats, feedback] = await Promise.all([
    attempt(() => api.storageStats()),
    attempt(() => api.feedbackStats()),
  ]);
  if (stats) state.stats = stats;
  if (feedback) state.feedbackStats = feedback;
}

/** A labelled bar chart drawn with DOM elements (no canvas, no library). */
function barChart(id: string, title: string, bars: [string, number][]) {
  const max = Math.max(1, ...bars.map(([, v]) => v));
  return h(
    "figure",
    { class: "chart", id, "aria-label": title },
    h("figcaption", {}, title),
    h(
      "div",
      { class: "bars" },
      ...bars.map(([label, value]) => {
        const fill = h("div", { class: "bar-fill" });
        fill.style.height = `${Math.round((value / max) * 100)}%`;
        return h(
          "div",
          { class: "bar", title: `${label}: ${value}` },
          h("div", { class: "bar-value" }, String(value)),
          h("div", { class: "bar-track" }, fill),
          h("div", { class: "bar-label" }, label),
        );
      }),
    ),
  );
}

function chartsRow() {
  const fs = state.feedbackStats;
  const charts: HTMLElement[] = [];
  const job = currentJob();
  if (job && state.ranked.length) {
    const buckets: [string, number][] = Array.from({ length: 10 }, (_, i) => [`${i * 10}`, 0]);
    for (const a of state.ranked) buckets[Math.min(9, Math.floor(a.score / 10))]![1] += 1;
    charts.push(barChart("chart-scores", `Scores for ${job.role}`, buckets));
  }
  if (fs && fs.total > 0) {
    charts.push(barChart("chart-ratings", `Ratings (average ${fs.average?.toFixed(2) ?? "—"})`, fs.by_rating.map((n, i) => [`${i + 1}★`, n])));
    charts.push(barChart("chart-days", "Feedback per day", fs.per_day.slice(-14).map(([d, n]) => [d.slice(5), n])));
  }
  return charts.length ? h("div", { class: "charts" }, ...charts) : null;
}

/**
 * A shortlist row as the window uses it. Rows are passed through as stored, and rows written
 * before engine 2 have no `band` nor `engine_version`: such a row is engine 1's.
 */
function storedRow(row: ShortlistRow): ShortlistRow {
  const r = row as Omit<ShortlistRow, "band" | "engine_version"> & Partial<Pick<ShortlistRow, "band" | "engine_version">>;
  return { ...r, engine_version: r.engine_version ?? 1, band: r.band ?? "weak" };
}

function currentJob(): JobSummary | undefined {
  return state.jobs.find((j) => j.current);
}

async function loadRanked() {
  const job = currentJob();
  if (!job) {
    state.ranked = [];
    return;
  }
  const ranked = await attempt(() => api.shortlist(job.id));
  if (ranked) state.ranked = ranked.map(storedRow);
  if (state.selectedAnalysis && !state.ranked.some((a) => a.analysis_id === state.selectedAnalysis?.id)) {
    state.selectedAnalysis = null;
  }
}

async function loadBands() {
  if (state.bands) return;
  const bands = await attempt(() => api.scoreBands());
  if (bands) state.bands = bands;
}

async function refresh() {
  // The library (every resume record) is loaded only where it is shown: with thousands of
  // resumes it is the largest payload, and the first screen needs only counts.
  await Promise.all([loadJobs(), loadStats(), loadBands(), state.view === "resumes" ? loadResumes() : null]);
  await loadRanked();
  render();
}

// ---------- header ----------

/** "Role — Company", as the picker and every other place name a job. */
function jobTitle(job: { role: string; company: string }): string {
  return `${job.role} — ${job.company}`;
}

function renderJobSelect() {
  const all = state.jobs;
  jobSelect.replaceChildren(
    ...(all.length === 0
      ? [h("option", { value: "" }, "No jobs yet")]
      : all.map((j) =>
          h("option", { value: j.id, selected: j.current }, jobTitle(j)),
        )),
  );
  jobSelect.disabled = all.length === 0;
}

jobSelect.addEventListener("change", async () => {
  const id = jobSelect.value;
  if (!id) return;
  const job = await attempt(() => api.selectJob(id));
  if (job) {
    toast(`Current job: ${jobTitle(job)}`);
    await refresh();
  }
});

// ---------- views ----------

function setView(view: View) {
  state.view = view;
  if (view === "storage") void loadStats().then(() => state.view === "storage" && render());
  if (view === "resumes") void loadResumes().then(() => state.view === "resumes" && render());
  for (const tab of document.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
    const selected = tab.dataset.view === view;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  render();
}

function render() {
  // Rendering replaces the view's elements; the keyboard stays where it was (same id), so a
  // late re-render (a page preview arriving, a refresh) does not drop the focus.
  const active = document.activeElement;
  const kept = active instanceof HTMLElement && active.id && viewEl.contains(active) ? active : null;
  renderView();
  if (!kept) return;
  const again = document.getElementById(kept.id);
  if (!again || again === kept) return;
  again.focus({ preventScroll: true });
  if (
    (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement) &&
    (kept instanceof HTMLInputElement || kept instanceof HTMLTextAreaElement)
  ) {
    again.setSelectionRange(kept.selectionStart, kept.selectionEnd);
  }
}

function renderView() {
  switch (state.view) {
    case "shortlist":
      viewEl.replaceChildren(renderShortlist());
      break;
    case "jobs":
      viewEl.replaceChildren(renderJobs());
      break;
    case "resumes":
      viewEl.replaceChildren(renderResumes());
      break;
    case "storage":
      viewEl.replaceChildren(renderStorage());
      break;
  }
}

function emptyState(title: string, body: string, ...actions: HTMLElement[]) {
  return h(
    "div",
    { class: "empty", "data-testid": "empty-state" },
    h("h2", {}, title),
    h("p", {}, body),
    h("div", { class: "actions" }, ...actions),
  );
}

// Shortlist

const FLAG_TEXT: Record<Flag, string> = {
  hidden_text: "Hidden text ignored",
  keyword_stuffing: "Keyword stuffing",
  little_text: "Little text",
  no_dates: "No dates",
  copied_from_job: "Job text copied in (ignored)",
  job_not_english: "Job not in English: requirements may be misread",
};

function resumeName(a: Analysis): string {
  if (a.candidate.name) return a.candidate.name;
  const row = state.ranked.find((x) => x.analysis_id === a.id);
  return row?.name ?? a.resume_id;
}

/** Resumes in the library (from the storage counts; the records load with the Resumes view). */
function resumeCount(): number {
  return state.stats?.resumes ?? state.resumes.length;
}

const BAND_TEXT: Record<Band, string> = {
  strong: "strong fit",
  possible: "possible fit",
  weak: "weak fit",
};

/** The band of a score, by the core's thresholds (null until they are loaded). */
function bandOf(score: number): Band | null {
  const b = state.bands;
  if (!b) return null;
  return score >= b.strong ? "strong" : score >= b.possible ? "possible" : "weak";
}

/** What the bands mean, in the core's thresholds. */
function bandLegendText(): string {
  const b = state.bands;
  if (!b) return "";
  return `Strong fit: ${b.strong} and above — the resume matches this job's work far better than resumes of other occupations; possible: ${b.possible}–${b.strong - 1}; weak: below ${b.possible}. The same score means the same fit for any job.`;
}

/** The range of scores of a band, e.g. "50–69". */
function bandRange(band: Band): string {
  const b = state.bands;
  if (!b) return "";
  return band === "strong" ? `${b.strong} and above` : band === "possible" ? `${b.possible}–${b.strong - 1}` : `below ${b.possible}`;
}

/** Whether an analysis was made by an engine older than the current one. */
function isStale(engineVersion: number): boolean {
  return state.bands !== null && engineVersion < state.bands.engine_version;
}

/** What a stale analysis's row says: it is being brought up to date, or will be. */
function staleText(): string {
  return state.rescore?.running
    ? "scored by an older engine — updating…"
    : "scored by an older engine — re-analyse to update it now";
}

/** The score's colour class: its band, or grey for a score of an older engine. */
function scoreClass(score: number, engineVersion?: number): string {
  if (engineVersion !== undefined && isStale(engineVersion)) return "stale";
  return bandOf(score) ?? "";
}

/** The band as text beside a score (never colour alone). */
function bandBadge(band: Band, engineVersion: number, id?: string) {
  if (isStale(engineVersion)) {
    return h("span", { class: "band stale", id, title: "Made by an older engine: its score is not on the same scale." }, "older engine");
  }
  return h("span", { class: `band ${band}`, id, title: bandLegendText() }, BAND_TEXT[band]);
}

/** The three bands with their ranges, and a disclosure with what they and the chips mean. */
function bandLegend() {
  if (!state.bands) return null;
  const bands: Band[] = ["strong", "possible", "weak"];
  return h(
    "div",
    { class: "legend", id: "band-legend" },
    h(
      "div",
      { class: "legend-bands" },
      ...bands.map((b) => h("span", { class: "legend-item" }, h("span", { class: `band ${b}` }, BAND_TEXT[b]), " ", bandRange(b))),
    ),
    h(
      "details",
      { id: "legend-details" },
      h("summary", {}, "What the bands and chips mean"),
      h("p", { id: "band-legend-text" }, bandLegendText()),
      chipLegend("chip-legend"),
    ),
  );
}

/** What each chip style means. */
function chipLegend(id?: string) {
  return h(
    "ul",
    { class: "chip-legend", id, "aria-label": "Chip styles" },
    h("li", {}, h("span", { class: "chip ok" }, "skill"), " shown in experience or projects"),
    h("li", {}, h("span", { class: "chip ok listed" }, "skill"), " only listed in a skills section"),
    h("li", {}, h("span", { class: "chip missing" }, "skill"), " asked for, not found"),
    h("li", {}, h("span", { class: "chip term ok" }, "term"), " the job's word or phrase, found"),
    h("li", {}, h("span", { class: "chip term missing" }, "term"), " the job's word or phrase, missing"),
  );
}

/** The ranked list as shown: filtered by name or skill, sorted as chosen (rank stays the score rank). */
function visibleRanked(): { a: ShortlistRow; rank: number }[] {
  const q = state.shortlistFilter.trim().toLowerCase();
  const rows = state.ranked
    .map((a, i) => ({ a, rank: i + 1 }))
    .filter(({ a }) =>
      !q ||
      a.name.toLowerCase().includes(q) ||
      a.matched.some((m) => m.skill.toLowerCase().includes(q)),
    );
  const by = state.shortlistSort;
  if (by === "name") rows.sort((x, y) => x.a.name.localeCompare(y.a.name));
  if (by === "years") rows.sort((x, y) => y.a.years - x.a.years);
  if (by === "recent") rows.sort((x, y) => y.a.created_at - x.a.created_at);
  return rows;
}

function shortlistControls() {
  const filter = h("input", {
    id: "shortlist-filter",
    type: "search",
    placeholder: "Filter by name or skill",
    "aria-label": "Filter candidates by name or skill",
    value: state.shortlistFilter,
  });
  filter.addEventListener("input", () => {
    state.shortlistFilter = filter.value;
    document.getElementById("shortlist")?.replaceWith(shortlistList());
  });
  const sort = h(
    "select",
    { id: "shortlist-sort", "aria-label": "Sort candidates" },
    ...[
      ["score", "Best score"],
      ["years", "Most experience"],
      ["name", "Name"],
      ["recent", "Recently analysed"],
    ].map(([v, label]) => h("option", { value: v!, selected: state.shortlistSort === v }, label!)),
  );
  sort.addEventListener("change", () => {
    state.shortlistSort = sort.value as typeof state.shortlistSort;
    document.getElementById("shortlist")?.replaceWith(shortlistList());
  });
  return h("div", { class: "shortlist-controls" }, filter, sort);
}

function renderShortlist() {
  const job = currentJob();
  if (!job) {
    return emptyState(
      "No job selected",
      "Create the job you are hiring for; every resume you add is then scored against it.",
      h("button", { class: "primary", type: "button", onclick: () => openJob("new") }, "New job"),
    );
  }
  const analyzeButton = h(
    "button",
    { type: "button", id: "analyze-all", disabled: state.analyzing !== null || resumeCount() === 0, onclick: analyzeAll },
    state.analyzing ? `Analysing ${state.analyzing.done} of ${state.analyzing.total}…` : "Analyse all resumes",
  );
  const head = h(
    "div",
    { class: "pane-head" },
    h("h1", {}, "Shortlist"),
    h("span", { class: "muted", id: "shortlist-count" }, `${state.ranked.length} of ${resumeCount()} resumes scored for ${job.role}`),
    h("span", { class: "spacer" }),
    analyzeButton,
  );
  const list =
    state.ranked.length === 0
      ? emptyState(
          "Nothing scored yet",
          resumeCount()
            ? "Score the resumes already in your library against this job."
            : "Drop resume PDFs on the window; each one is scored against this job as it is added.",
          resumeCount()
            ? h("button", { class: "primary", type: "button", onclick: analyzeAll }, "Analyse all resumes")
            : h("button", { class: "primary", type: "button", onclick: pickAndImport }, "Add resumes…"),
        )
      : h("div", {}, shortlistControls(), bandLegend(), shortlistList());
  return h(
    "section",
    { class: "split library" },
    h("div", { class: "pane list-pane" }, head, rescorePanel(), list),
    h(
      "div",
      { class: "pane detail-pane" },
      state.selectedAnalysis && state.compareWith && state.compareWith.id !== state.selectedAnalysis.id
        ? compareView(state.compareWith, state.selectedAnalysis)
        : state.selectedAnalysis
        ? analysisDetail(state.selectedAnalysis)
        : state.ranked.length
          ? emptyState("Pick a candidate", "Select a candidate to see how the score was made.")
          : null,
    ),
  );
}

/** A 0–1 meter. The width is set through the CSSOM: the CSP forbids inline style attributes. */
function meter(label: string, value: number) {
  const fill = h("div", { class: "fill" });
  fill.style.width = `${Math.round(value * 100)}%`;
  return h("div", { class: "meter", role: "img", "aria-label": `${label}: ${Math.round(value * 100)} %` }, fill);
}

/** A meter of a part that counts in proportion: its value (light) and the share of it that counts (solid). */
function shareMeter(label: string, value: number, share: number) {
  const counted = h("div", { class: "fill" });
  counted.style.width = `${Math.round(value * share * 100)}%`;
  const whole = h("div", { class: "fill ghost" });
  whole.style.width = `${Math.round(value * 100)}%`;
  return h(
    "div",
    { class: "meter layered", role: "img", "aria-label": `${label}: ${Math.round(value * 100)} %, of which ${Math.round(share * 100)} % counts` },
    whole,
    counted,
  );
}

/** Scoring analyses of an older engine again: how far it is, and a way to stop it. */
function rescorePanel() {
  const r = state.rescore;
  if (!r?.running) return null;
  return h(
    "div",
    { class: "rescore-panel", id: "rescore-panel", role: "status", "aria-live": "polite" },
    h(
      "div",
      { class: "import-head" },
      h("strong", {}, "Updating scores"),
      h("span", { id: "rescore-counts" }, `${r.done} of ${r.total} analyses made by an older engine scored again`),
      h("button", { type: "button", id: "rescore-cancel", onclick: () => attempt(() => api.cancelRescore()) }, "Stop"),
    ),
    h("progress", { max: r.total || 1, value: r.done, "aria-label": "Score update progress" }),
  );
}

/** "strong fit" for a score, by the core's thresholds. */
function bandText(score: number): string {
  const b = bandOf(score);
  return b ? BAND_TEXT[b] : "";
}

/** A new progress report of the background rescore: repaint its panel, refresh the list now and then and at the end. */
let rescoreRefreshed = 0;
async function onRescoreProgress(p: RescoreProgress) {
  const was = state.rescore;
  state.rescore = p;
  if (state.view === "shortlist") {
    const panel = document.getElementById("rescore-panel");
    if (panel && p.running) panel.replaceWith(rescorePanel() ?? "");
    else if (!was?.running || !p.running) render();
  }
  const now = performance.now();
  if (p.running && now - rescoreRefreshed < 3000) return;
  rescoreRefreshed = now;
  await loadRanked();
  if (!p.running) {
    const left = p.total - p.done;
    if (p.done > 0) toast(`${count(p.done, "score")} brought up to date by the current engine${left ? `; ${left} left for the next start` : ""}`);
    if (state.view === "resumes") await loadResumes();
  }
  const open = state.selectedAnalysis;
  if (open && isStale(open.engine_version)) {
    const fresh = await attempt(() => api.analysisDetail(open.id));
    if (fresh && state.selectedAnalysis?.id === fresh.id) state.selectedAnalysis = fresh;
  }
  render();
}

const SHORTLIST_CHUNK = 40;

function shortlistRow({ a, rank }: { a: ShortlistRow; rank: number }) {
  return h(
    "li",
    {},
    h(
      "button",
      {
        type: "button",
        class: `candidate ${state.selectedAnalysis?.id === a.analysis_id ? "selected" : ""}`,
        "data-analysis-id": a.analysis_id,
        onclick: () => openAnalysis(a.analysis_id),
      },
      h("span", { class: "rank" }, String(rank)),
      h("span", { class: `score ${scoreClass(a.score, a.engine_version)}`, "aria-label": `score ${a.score} of 100` }, String(a.score)),
      bandBadge(a.band, a.engine_version),
      h(
        "span",
        { class: "who" },
        h("span", { class: "name" }, a.name),
        isStale(a.engine_version) ? h("span", { class: "stale-note" }, staleText()) : null,
        h(
          "span",
          { class: "skills" },
          ...a.matched.slice(0, 5).map((m) => h("span", { class: `chip ok ${m.evidenced ? "" : "listed"}` }, m.skill)),
          ...a.missing_required.slice(0, 3).map((m) => h("span", { class: "chip missing" }, m)),
        ),
      ),
      a.flags.length ? h("span", { class: "flag", title: a.flags.map((f) => FLAG_TEXT[f] ?? f).join(", ") }, "⚠ " + (FLAG_TEXT[a.flags[0]!] ?? "")) : null,
    ),
  );
}

/**
 * The shortlist. Thousands of rows stay fast: the first chunk is rendered at once, and a
 * sentinel at the end appends the next chunk when it scrolls into view.
 */
function shortlistList(): HTMLElement {
  const rows = visibleRanked();
  if (state.ranked.length && rows.length === 0) {
    return h("p", { id: "shortlist", class: "muted pad" }, `No candidate matches “${state.shortlistFilter}”.`);
  }
  const selected = rows.findIndex(({ a }) => a.analysis_id === state.selectedAnalysis?.id);
  state.shortlistShown = Math.min(rows.length, Math.max(SHORTLIST_CHUNK, state.shortlistShown, selected + SHORTLIST_CHUNK));
  const list = h("ol", { class: "shortlist", id: "shortlist" }, ...rows.slice(0, state.shortlistShown).map(shortlistRow));
  if (state.shortlistShown < rows.length) {
    const sentinel = h("li", { class: "more muted", "aria-hidden": "true" }, `${rows.length - state.shortlistShown} more…`);
    list.append(sentinel);
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      const from = state.shortlistShown;
      state.shortlistShown = Math.min(rows.length, from + SHORTLIST_CHUNK);
      sentinel.before(...rows.slice(from, state.shortlistShown).map(shortlistRow));
      if (state.shortlistShown >= rows.length) {
        observer.disconnect();
        sentinel.remove();
      } else {
        sentinel.textContent = `${rows.length - state.shortlistShown} more…`;
      }
    });
    observer.observe(sentinel);
  }
  return list;
}

/**
 * One part of the score: its points of its weight, a meter, its reason. A profile part
 * (experience, education, readability) counts in proportion to how well the resume matches
 * the job's work: its share is shown beside it, and the meter shows how much of its value counts.
 */
function bar(key: string, label: string, p: Part, proportional: boolean, notAsked = "not asked") {
  const applies = p.weight > 0;
  const share = p.share ?? 1;
  return h(
    "div",
    { class: `part ${applies ? "" : "na"}`, "data-part": key },
    h(
      "div",
      { class: "part-head" },
      h("span", {}, label),
      h("span", { class: "muted part-points" }, applies ? `${p.points.toFixed(1)} of ${(p.weight * 100).toFixed(0)} points` : notAsked),
    ),
    applies && proportional ? shareMeter(label, p.value, share) : meter(label, applies ? p.value : 0),
    applies && proportional
      ? h(
          "div",
          { class: "part-share small" },
          `${Math.round(p.value * 100)} % met, ${Math.round(share * 100)} % of it counts (in proportion to the match with this job's work)`,
        )
      : null,
    h("div", { class: "part-detail muted" }, p.detail),
  );
}

/** The six parts of a score, as meters: three measure the match with the job's work, three the profile (in proportion). */
function breakdownBars(a: Analysis) {
  const b = a.breakdown;
  const old = isStale(a.engine_version);
  return [
    bar("terms", "Job terms", b.terms, false, old ? `not measured by engine v${a.engine_version}` : "not asked"),
    bar("evidence", "Evidence", b.evidence, false),
    bar("skills", "Skills", b.skills, false),
    bar("experience", "Experience", b.experience, !old),
    bar("education", "Education", b.education, !old),
    bar("readability", "Readability", b.readability, !old),
  ];
}

/** How strongly a passage meets its requirement, in words (0–1, calibrated by the core; the
 * cut-offs are the core's, checked against unrelated resumes by `shortlist eval`). */
function strengthText(strength: number): { label: string; cls: string } {
  const strong = (state.bands?.strong_match ?? 50) / 100;
  const some = (state.bands?.some_match ?? 38) / 100;
  return strength >= strong
    ? { label: "strong match", cls: "strong" }
    : strength >= some
      ? { label: "some match", cls: "possible" }
      : { label: "weak match", cls: "weak" };
}

/** The job's terms and skills found and missing, as chips. */
function termAndSkillChips(a: Analysis) {
  return [
    h("h3", {}, "Skills"),
    a.matched_skills.length || a.missing_skills.length
      ? h(
          "div",
          { class: "chips", id: "skill-chips" },
          ...a.matched_skills.map((m) => h("span", { class: `chip ok ${m.evidenced ? "" : "listed"}`, title: m.evidenced ? "shown in experience or projects" : "only listed in a skills section" }, m.skill)),
          ...a.missing_skills.map((m) => h("span", { class: "chip missing", title: `${m.importance === "required" ? "required" : "nice to have"}, not found` }, m.skill)),
        )
      : h("p", { class: "muted" }, "The job names no skills of the lexicon."),
    h("h3", {}, "The job's terms"),
    a.matched_terms.length || a.missing_terms.length
      ? h(
          "div",
          { class: "chips", id: "term-chips" },
          ...a.matched_terms.map((t) => h("span", { class: "chip term ok", title: "found in the resume" }, t)),
          ...a.missing_terms.map((t) => h("span", { class: "chip term missing", title: "not in the resume" }, t)),
        )
      : h("p", { class: "muted" }, isStale(a.engine_version) ? "Not measured by the older engine." : "No weighty terms in the job."),
    h("details", { class: "chip-help" }, h("summary", {}, "What the chips mean"), chipLegend()),
  ];
}

function analysisDetail(a: Analysis) {
  const c = a.candidate;
  return h(
    "article",
    { class: "analysis", id: "analysis-detail", "aria-label": "Analysis" },
    h(
      "div",
      { class: "analysis-head" },
      h("span", { class: `score big ${scoreClass(a.score, a.engine_version)}` }, String(a.score)),
      h(
        "div",
        {},
        h("h2", { id: "analysis-name" }, resumeName(a)),
        h("p", { class: "muted" }, [c.email, c.phone, `${c.years.toFixed(1)} years`, c.degree?.replaceAll("_", " ")].filter(Boolean).join(" · ")),
      ),
    ),
    bandLine(a),
    ...a.flags.map((f) => h("p", { class: "warn" }, "⚠ " + (FLAG_TEXT[f] ?? f))),
    state.compareWith?.id === a.id
      ? h("p", { class: "hint", id: "compare-hint" }, "Pick another candidate in the list to compare side by side.")
      : h(
          "div",
          { class: "actions" },
          h("button", { type: "button", id: "compare", onclick: () => { state.compareWith = a; render(); } }, "Compare with another candidate"),
          h(
            "button",
            { type: "button", id: "reanalyze", disabled: state.scoring === a.id, title: "Score this resume against this job again with the current engine", onclick: () => scoreResume(a.job_id, a.resume_id, a.id) },
            state.scoring === a.id ? "Re-analysing…" : "Re-analyse",
          ),
        ),
    h("h3", {}, "How the score was made"),
    h("p", { class: "muted small" }, "Job terms, evidence and skills measure how well the resume matches this job's work; experience, education and readability count in proportion to that match."),
    ...breakdownBars(a),
    ...termAndSkillChips(a),
    h("h3", {}, "Evidence per requirement"),
    h("ul", { class: "evidence", id: "evidence" }, ...a.evidence.map((e) => evidenceItem(e, isStale(a.engine_version)))),
    askPanel(a),
    a.history.length
      ? h("p", { class: "muted", id: "history" }, `Earlier scores: ${a.history.map((x) => `${x.score} (engine v${x.engine_version}, ${formatDate(x.at)})`).join(", ")}`)
      : null,
    h("p", { class: "muted small" }, `Analysis ${a.id} · engine v${a.engine_version} · ${formatDate(a.created_at)}`),
  );
}

/** The band of an analysis in words, with its range, or that an older engine made it. */
function bandLine(a: Analysis, compact = false) {
  if (isStale(a.engine_version)) {
    return h(
      "p",
      { class: "stale-note", id: compact ? undefined : "analysis-band" },
      `Scored by an older engine (v${a.engine_version}): ${state.rescore?.running ? "updating…" : "re-analyse to score it with the current engine."}`,
    );
  }
  return h(
    "p",
    { class: "band-line", id: compact ? undefined : "analysis-band", title: bandLegendText() },
    bandBadge(a.band, a.engine_version),
    h("span", { class: "muted" }, ` ${bandRange(a.band)}${compact ? "" : " · the same score means the same fit for any job"}`),
  );
}

/** A requirement, how strongly its passage meets it (words and a meter), and the passage. */
function evidenceItem(e: Analysis["evidence"][number], old: boolean) {
  const s = strengthText(e.strength);
  return h(
    "li",
    {},
    h("div", { class: "req" }, e.requirement, e.importance === "preferred" ? h("span", { class: "muted" }, " (nice to have)") : null),
    e.passage
      ? h(
          "div",
          { class: "strength-row" },
          ...(old
            ? [h("span", { class: "muted small" }, `similarity ${e.similarity.toFixed(2)} (older engine: no strength)`)]
            : [
                h("span", { class: `strength ${s.cls}`, title: `How strongly the passage meets the requirement, against what passages of unrelated resumes score for it: ${Math.round(e.strength * 100)} %` }, s.label),
                meter("Match strength", e.strength),
                h("span", { class: "muted small sim", title: "Embedding cosine similarity" }, `similarity ${e.similarity.toFixed(2)}`),
              ]),
        )
      : null,
    e.passage ? h("blockquote", {}, e.passage) : h("p", { class: "muted" }, "No passage found."),
  );
}

/** Two candidates side by side: score, each part of it, skills found and missing. */
function compareView(left: Analysis, right: Analysis) {
  const column = (a: Analysis) => {
    const c = a.candidate;
    const missingRequired = a.missing_skills.filter((m) => m.importance === "required");
    return h(
      "section",
      { class: "compare-col", "aria-label": resumeName(a) },
      h(
        "div",
        { class: "analysis-head" },
        h("span", { class: `score big ${scoreClass(a.score, a.engine_version)}` }, String(a.score)),
        h("div", {}, h("h2", {}, resumeName(a)), h("p", { class: "muted" }, [`${c.years.toFixed(1)} years`, c.degree?.replaceAll("_", " ")].filter(Boolean).join(" · "))),
      ),
      bandLine(a, true),
      ...a.flags.map((f) => h("p", { class: "warn" }, "⚠ " + (FLAG_TEXT[f] ?? f))),
      ...breakdownBars(a),
      h("h3", {}, "Skills found"),
      h("div", { class: "chips" }, ...a.matched_skills.map((m) => h("span", { class: `chip ok ${m.evidenced ? "" : "listed"}` }, m.skill))),
      h("h3", {}, "Required, not found"),
      missingRequired.length
        ? h("div", { class: "chips" }, ...missingRequired.map((m) => h("span", { class: "chip missing" }, m.skill)))
        : h("p", { class: "muted" }, "None"),
      h("button", { type: "button", onclick: () => { state.compareWith = null; void openAnalysis(a.id); } }, "Open this one"),
    );
  };
  return h(
    "article",
    { class: "compare", id: "compare-view", "aria-label": "Comparison" },
    h(
      "div",
      { class: "pane-head" },
      h("h1", {}, "Side by side"),
      h("span", { class: "spacer" }),
      h("button", { type: "button", id: "compare-close", onclick: () => { state.compareWith = null; render(); } }, "Close comparison"),
    ),
    h("div", { class: "compare-grid" }, column(left), column(right)),
  );
}

async function openAnalysis(id: string) {
  const [a, feedback] = await Promise.all([
    attempt(() => api.analysisDetail(id)),
    attempt(() => api.listFeedback(id)),
  ]);
  if (!a) return;
  if (state.selectedAnalysis?.id !== a.id) state.answer = null;
  state.selectedAnalysis = a;
  state.feedback = feedback ?? [];
  render();
}

/** `text` with every occurrence of `words` wrapped in <mark> (built as DOM nodes, never HTML). */
function highlighted(text: string, words: string[]): (string | HTMLElement)[] {
  const escaped = words.filter((w) => w.length > 1).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (escaped.length === 0) return [text];
  const re = new RegExp(`(${escaped.join("|")})`, "gi");
  return text.split(re).map((part, i) => (i % 2 === 1 ? h("mark", {}, part) : part));
}

function askPanel(a: Analysis) {
  const question = h("input", {
    id: "ask-input",
    type: "text",
    placeholder: "Ask about this candidate, e.g. “Has she led a team?”",
    "aria-label": "Question about this candidate",
    value: state.answer?.question ?? "",
  });
  const form = h(
    "form",
    { class: "ask-form" },
    question,
    h("button", { type: "submit", class: "primary", id: "ask-submit" }, "Ask"),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const [answer, similar] = await Promise.all([
      attempt(() => api.askQuestion(a.id, question.value)),
      attempt(() => api.similarFeedback(question.value)),
    ]);
    if (!answer) return;
    state.answer = answer;
    state.similar = (similar ?? []).filter((hit) => hit.similarity >= SIMILAR_FEEDBACK_MIN).slice(0, 3);
    render();
    document.getElementById("answer")?.scrollIntoView({ block: "nearest" });
  });
  return h(
    "section",
    { class: "ask", "aria-label": "Questions and feedback" },
    h("h3", {}, `Ask about this candidate (${a.feedback_count} rated so far)`),
    form,
    state.answer && state.answer.analysis_id === a.id ? answerView(a, state.answer) : null,
    state.answer && state.answer.analysis_id === a.id && state.similar.length ? similarView(state.similar) : null,
    state.feedback.length
      ? h(
          "ul",
          { class: "feedback-list", id: "feedback-list" },
          ...state.feedback.map((f) =>
            h(
              "li",
              {},
              stars(f.rating),
              h("strong", {}, f.question),
              f.correction ? h("div", { class: "muted" }, `Correct answer: ${f.correction}`) : null,
            ),
          ),
        )
      : null,
  );
}

/** Cosine similarity from which earlier feedback counts as "a similar question". */
const SIMILAR_FEEDBACK_MIN = 0.5;

function stars(rating: number) {
  return h("span", { class: "stars", "aria-label": `rated ${rating} of 5` }, "★".repeat(rating) + "☆".repeat(5 - rating));
}

/** Earlier feedback on similar questions, from the local vector index. */
function similarView(hits: FeedbackHit[]) {
  return h(
    "section",
    { class: "similar", id: "similar-feedback", "aria-label": "Feedback on similar questions" },
    h("h4", {}, "You rated answers to similar questions before"),
    h(
      "ul",
      { class: "feedback-list" },
      ...hits.map((hit) =>
        h(
          "li",
          {},
          stars(hit.feedback.rating),
          h("strong", {}, hit.feedback.question),
          h("span", { class: "muted" }, ` · ${jobLabel(hit.feedback.job_id)} · ${formatDate(hit.feedback.created_at)}`),
          hit.feedback.correction ? h("div", { class: "muted" }, `Correct answer: ${hit.feedback.correction}`) : null,
          hit.feedback.comment ? h("div", { class: "muted" }, `Comment: ${hit.feedback.comment}`) : null,
        ),
      ),
    ),
  );
}

function answerView(a: Analysis, answer: Answer) {
  const answerText = answer.passages.map((p) => p.text).join("\n");
  let rating = 0;
  const stars = h("div", { class: "rating", role: "radiogroup", "aria-label": "Rate this answer" });
  const paint = () => {
    stars.querySelectorAll("button").forEach((b, i) => {
      b.textContent = i < rating ? "★" : "☆";
      b.setAttribute("aria-checked", String(i + 1 === rating));
    });
  };
  for (let i = 1; i <= 5; i++) {
    stars.append(
      h("button", {
        type: "button",
        role: "radio",
        class: "star",
        "data-rating": i,
        "aria-label": `${i} of 5`,
        onclick: () => {
          rating = i;
          paint();
        },
      }),
    );
  }
  paint();
  const correction = h("textarea", { id: "feedback-correction", rows: 2, placeholder: "The correct answer (optional)" });
  const comment = h("input", { id: "feedback-comment", type: "text", placeholder: "Comment (optional)" });
  const save = h("button", { type: "button", class: "primary", id: "feedback-save" }, "Save feedback");
  save.addEventListener("click", async () => {
    if (rating === 0) {
      toast("Pick a rating from 1 to 5 first.", "error");
      return;
    }
    const saved = await attempt(() =>
      api.addFeedback({
        analysis_id: a.id,
        question: answer.question,
        answer: answerText,
        rating,
        correction: correction.value || null,
        comment: comment.value || null,
      }),
    );
    if (!saved) return;
    toast("Feedback saved");
    state.answer = null;
    await Promise.all([openAnalysis(a.id), loadStats()]);
  });
  return h(
    "div",
    { class: "answer", id: "answer" },
    answer.passages.length === 0
      ? h("p", { class: "muted" }, "Nothing in this resume matches the question.")
      : h(
          "ol",
          { class: "passages" },
          ...answer.passages.map((p) =>
            h("li", {}, h("span", { class: "sim" }, p.score.toFixed(2)), h("span", {}, ...highlighted(p.text, p.matched))),
          ),
        ),
    h("div", { class: "rate-row" }, h("span", {}, "How good is this answer?"), stars),
    correction,
    comment,
    h("div", { class: "actions" }, save),
  );
}

async function analyzeAll() {
  const job = currentJob();
  if (!job || state.analyzing) return;
  state.analyzing = { done: 0, total: resumeCount() };
  render();
  const report = await attempt(() =>
    api.analyzeAll(job.id, (p) => {
      state.analyzing = p;
      const btn = document.getElementById("analyze-all");
      if (btn) btn.textContent = `Analysing ${p.done} of ${p.total}…`;
    }),
  );
  state.analyzing = null;
  if (report) toast(`${report.analysed} resumes scored${report.failed.length ? `, ${report.failed.length} failed` : ""}`);
  await refresh();
}

// Jobs

function renderJobs() {
  const search = h("input", {
    id: "job-search",
    type: "search",
    placeholder: "Search company, role or description",
    "aria-label": "Search jobs",
    value: state.jobQuery,
  });
  let timer = 0;
  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      state.jobQuery = search.value;
      await loadJobs();
      const list = document.getElementById("job-list");
      list?.replaceWith(jobList());
    }, 150);
  });
  const editor = state.editingJob ? jobEditor(state.editingJob) : null;
  return h(
    "section",
    { class: "split" },
    h(
      "div",
      { class: "pane list-pane" },
      h("div", { class: "pane-head" }, h("h1", {}, "Jobs"), search),
      jobList(),
    ),
    h(
      "div",
      { class: "pane detail-pane" },
      editor ??
        emptyState(
          state.jobs.length ? "Pick a job to edit" : "No jobs yet",
          state.jobs.length
            ? "Select a job on the left, or create a new one."
            : "Save the job you are hiring for: company, role and the full description.",
          h("button", { class: "primary", type: "button", onclick: () => openJob("new") }, "New job"),
        ),
    ),
  );
}

function jobList() {
  if (state.jobs.length === 0) {
    return h(
      "p",
      { id: "job-list", class: "muted pad" },
      state.jobQuery ? `No job matches “${state.jobQuery}”.` : "No jobs yet.",
    );
  }
  return h(
    "ul",
    { id: "job-list", class: "rows", role: "list" },
    ...state.jobs.map((j) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: `row ${state.editingJob !== "new" && state.editingJob?.id === j.id ? "selected" : ""}`,
            "data-job-id": j.id,
            onclick: () => openJob(j),
          },
          h("span", { class: "row-title" }, j.role, j.current ? h("span", { class: "badge" }, "current") : null),
          h("span", { class: "row-sub" }, `${j.company} · ${j.analysis_count} analyses · ${formatDate(j.created_at)}`),
        ),
      ),
    ),
  );
}

function openJob(job: JobSummary | "new") {
  state.editingJob = job;
  setView("jobs");
  document.getElementById("job-company")?.focus();
}

function jobEditor(job: JobSummary | "new") {
  const isNew = job === "new";
  const company = h("input", { id: "job-company", required: true, maxlength: 200, value: isNew ? "" : job.company });
  const role = h("input", { id: "job-role", required: true, maxlength: 200, value: isNew ? "" : job.role });
  const description = h("textarea", { id: "job-description", rows: 16 });
  description.value = isNew ? "" : job.description;
  const form = h(
    "form",
    { class: "editor", "aria-label": isNew ? "New job" : "Edit job" },
    h("h2", {}, isNew ? "New job" : `Edit ${job.role}`),
    !isNew ? h("p", { class: "muted" }, `Job ID ${job.id} · ${job.analysis_count} analyses`) : null,
    h("label", { for: "job-company" }, "Company"),
    company,
    h("label", { for: "job-role" }, "Role"),
    role,
    h("label", { for: "job-description" }, "Job description"),
    description,
    h(
      "div",
      { class: "actions" },
      h("button", { class: "primary", type: "submit", id: "job-save" }, isNew ? "Save job" : "Save changes"),
      !isNew && !job.current
        ? h("button", { type: "button", onclick: () => selectJob(job.id) }, "Make current")
        : null,
      h("button", { type: "button", onclick: () => { state.editingJob = null; render(); } }, "Close"),
    ),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const draft: JobDraft = { company: company.value, role: role.value, description: description.value };
    const saved = await attempt(() => (isNew ? api.createJob(draft) : api.updateJob(job.id, draft)));
    if (!saved) return;
    toast(isNew ? `Saved job ${saved.id}` : "Changes saved");
    await loadJobs();
    await loadRanked();
    state.editingJob = state.jobs.find((j) => j.id === saved.id) ?? null;
    await loadStats();
    render();
  });
  return form;
}

async function selectJob(id: string) {
  const job = await attempt(() => api.selectJob(id));
  if (!job) return;
  await loadJobs();
  await loadRanked();
  state.editingJob = state.jobs.find((j) => j.id === id) ?? null;
  render();
}

// Resumes

function renderResumes() {
  const head = h(
    "div",
    { class: "pane-head" },
    h("h1", {}, "Resumes"),
    h("span", { class: "muted", id: "resume-count" }, `${state.resumes.length} in the library`),
  );
  const list =
    state.resumes.length === 0
      ? emptyState(
          "Your library is empty",
          "Drag resume PDFs or whole folders onto this window, or pick them from disk. Each file is stored once, even if you add it again.",
          h("button", { class: "primary", type: "button", onclick: pickAndImport }, "Add resumes…"),
        )
      : h(
          "table",
          { class: "table", id: "resume-table" },
          h(
            "thead",
            {},
            h("tr", {}, h("th", {}, "Candidate"), h("th", {}, "File"), h("th", {}, "Pages"), h("th", {}, "Added"), h("th", {}, "Best score"), h("th", {}, h("span", { class: "visually-hidden" }, "Notes"))),
          ),
          resumeRows(),
        );
  const detail = state.selectedResume
    ? resumeDetail(state.selectedResume)
    : state.resumes.length
      ? emptyState("Pick a resume", "Select a resume to read its extracted text.")
      : null;
  return h(
    "section",
    { class: "split library" },
    h("div", { class: "pane list-pane wide" }, head, importPanel(), list),
    detail ? h("div", { class: "pane detail-pane" }, detail) : null,
  );
}

function jobLabel(id: string): string {
  const job = state.jobs.find((j) => j.id === id);
  return job ? jobTitle(job) : "an archived job";
}

function resumeRow(r: LibraryRow) {
  return h(
    "tr",
    {
      tabindex: 0,
      "data-resume-id": r.id,
      class: state.selectedResume?.resume.id === r.id ? "selected" : "",
      onclick: () => openResume(r.id),
      onkeydown: (ev: Event) => {
        if ((ev as KeyboardEvent).key === "Enter") openResume(r.id);
      },
    },
    h("td", { class: "name-cell" }, r.contact.name ?? h("span", { class: "muted" }, "—")),
    h("td", { class: "file-cell", title: r.file_names.join(", ") }, r.file_names[0] ?? r.id, r.file_names.length > 1 ? h("span", { class: "muted" }, ` +${r.file_names.length - 1}`) : null),
    h("td", {}, r.pages),
    h("td", {}, formatDate(r.first_seen)),
    h(
      "td",
      { class: "best-cell" },
      r.best
        ? h("span", { class: `score ${scoreClass(r.best.score)}`, title: `${bandText(r.best.score)}, for ${jobLabel(r.best.job_id)}`, "aria-label": `best score ${r.best.score}, ${bandText(r.best.score)}, for ${jobLabel(r.best.job_id)}` }, String(r.best.score))
        : h("span", { class: "muted" }, "—"),
    ),
    h("td", {}, r.warnings.length ? h("span", { class: "warn", title: "Check the extracted text", "aria-label": "Check the extracted text" }, "⚠") : ""),
  );
}

/** The library's rows, rendered in chunks as the list scrolls (thousands stay fast). */
function resumeRows() {
  const all = state.resumes;
  const selected = all.findIndex((r) => r.id === state.selectedResume?.resume.id);
  let shown = Math.min(all.length, Math.max(SHORTLIST_CHUNK * 2, selected + SHORTLIST_CHUNK));
  const body = h("tbody", {}, ...all.slice(0, shown).map(resumeRow));
  if (shown < all.length) {
    const sentinel = h("tr", { class: "more", "aria-hidden": "true" }, h("td", { colspan: 6, class: "muted" }, `${all.length - shown} more…`));
    body.append(sentinel);
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      const from = shown;
      shown = Math.min(all.length, from + SHORTLIST_CHUNK * 2);
      sentinel.before(...all.slice(from, shown).map(resumeRow));
      if (shown >= all.length) {
        observer.disconnect();
        sentinel.remove();
      } else {
        sentinel.firstElementChild!.textContent = `${all.length - shown} more…`;
      }
    });
    observer.observe(sentinel);
  }
  return body;
}

function resumeDetail(d: ResumeDetail) {
  const r = d.resume;
  const warnings: Record<string, string> = {
    little_text: "Very little text: parts of this PDF may be images.",
    image_pages: "Some pages have no text (scanned images).",
    hidden_text: "Contains hidden text (white or tiny characters); it was ignored.",
  };
  return h(
    "article",
    { class: "resume-detail", "aria-label": "Resume detail" },
    h("h2", {}, r.contact.name ?? r.file_names[0] ?? r.id),
    r.contact.name ? h("p", { class: "muted" }, r.file_names[0] ?? "") : null,
    [r.contact.email, r.contact.phone, ...r.contact.links].some(Boolean)
      ? h("p", {}, [r.contact.email, r.contact.phone, ...r.contact.links].filter(Boolean).join(" · "))
      : null,
    h("p", { class: "muted" }, `${r.id} · ${count(r.pages, "page")} · ${r.text_chars.toLocaleString()} characters of text · ${formatBytes(r.size_bytes)} · added ${formatDate(r.first_seen)}`),
    r.file_names.length > 1 ? h("p", { class: "muted" }, `Also added as: ${r.file_names.slice(1).join(", ")}`) : null,
    ...r.warnings.map((w) => h("p", { class: "warn" }, warnings[w] ?? w)),
    scoreSection(r.id),
    pagePreview(r.id, r.pages),
    h("h3", {}, "Extracted text"),
    h("pre", { class: "resume-text", id: "resume-text", tabindex: 0 }, d.text.replaceAll("\f", "\n\n— next page —\n\n")),
    h("h3", {}, "Delete"),
    state.confirmErase === r.id
      ? h(
          "div",
          { class: "confirm", role: "alertdialog", "aria-label": "Confirm erasure" },
          h("p", {}, `Erase ${r.contact.name ?? r.file_names[0] ?? r.id} for good? The PDF, its text, every analysis and all feedback on it are deleted; Shortlist then restarts to clear them from the database file. This cannot be undone (a backup made before keeps a copy).`),
          h(
            "div",
            { class: "actions" },
            h("button", { type: "button", class: "danger", id: "erase-confirm", onclick: () => eraseResume(r.id) }, "Erase for good"),
            h("button", { type: "button", id: "erase-cancel", onclick: () => { state.confirmErase = null; render(); } }, "Cancel"),
          ),
        )
      : h("button", { type: "button", id: "erase", onclick: () => askToErase(r.id) }, "Erase this candidate…"),
  );
}

/** The resume's best score so far and a button to score it against the current job. */
function scoreSection(resumeId: string) {
  const job = currentJob();
  const best = state.resumes.find((x) => x.id === resumeId)?.best;
  const busy = state.scoring === resumeId;
  return h(
    "div",
    { class: "score-section" },
    best
      ? h("p", { id: "resume-best" }, "Best score ", h("span", { class: `score ${scoreClass(best.score)}` }, String(best.score)), ` (${bandText(best.score)}) for ${jobLabel(best.job_id)}.`)
      : h("p", { class: "muted", id: "resume-best" }, "Not scored against any job yet."),
    job
      ? h(
          "button",
          { type: "button", class: "primary", id: "analyze-resume", disabled: busy, onclick: () => scoreResume(job.id, resumeId) },
          busy ? "Scoring…" : `Score against ${job.role}`,
        )
      : h("p", { class: "muted" }, "Choose a current job at the top to score this resume against it."),
  );
}

/** Scores a stored resume against a job (no re-upload) and opens the result in the shortlist. */
async function scoreResume(jobId: string, resumeId: string, key = resumeId) {
  state.scoring = key;
  render();
  const before = state.selectedAnalysis?.resume_id === resumeId && state.selectedAnalysis.job_id === jobId ? state.selectedAnalysis.score : null;
  const a = await attempt(() => api.analyzeResume(jobId, resumeId));
  state.scoring = null;
  if (!a) {
    render();
    return;
  }
  toast(before === null ? `Scored ${a.score} for ${jobLabel(jobId)}` : `Re-analysed: ${before} → ${a.score}`);
  await Promise.all([loadRanked(), loadResumes()]);
  if (state.view !== "shortlist") setView("shortlist");
  await openAnalysis(a.id);
}

/** Shows the erasure question in place of the button, in view, keyboard focus on "Cancel". */
function askToErase(id: string) {
  state.confirmErase = id;
  render();
  focusInView("erase-cancel");
}

/** Scrolls the element with `id` into the middle of its pane and gives it keyboard focus (a
 * question that appears in place of its button, possibly below the fold). */
function focusInView(id: string) {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: "center" });
  el?.focus();
}

async function eraseResume(id: string) {
  const report = await attempt(() => api.eraseResume(id));
  state.confirmErase = null;
  if (report) {
    toast(`Erased, with ${report.analyses} analyses and ${report.feedback} feedback records. Restarting…`);
  }
}

async function openResume(id: string) {
  const detail = await attempt(() => api.resumeDetail(id));
  if (!detail) return;
  state.selectedResume = detail;
  if (state.preview?.id !== id) state.preview = null;
  render();
  if (!state.preview) void showPage(id, 0);
}

/** Renders page `page` of a resume (PDFium, in a worker) and shows it. */
async function showPage(id: string, page: number) {
  const p = await attempt(() => api.resumePage(id, page));
  if (!p || state.selectedResume?.resume.id !== id) return;
  state.preview = { ...p, id };
  if (state.view === "resumes") render();
}

function pagePreview(id: string, pages: number) {
  const p = state.preview?.id === id ? state.preview : null;
  const img = p ? h("img", { id: "page-preview", src: p.data_url, alt: `Page ${p.page + 1} of ${p.pages}` }) : h("p", { class: "muted", id: "page-loading" }, "Rendering the first page…");
  return h(
    "section",
    { class: "page-preview", "aria-label": "Page preview" },
    h(
      "div",
      { class: "preview-head" },
      h("h3", {}, p ? `Page ${p.page + 1} of ${p.pages}` : "Page"),
      h("span", { class: "spacer" }),
      h("button", { type: "button", id: "page-prev", disabled: !p || p.page === 0, "aria-label": "Previous page", onclick: () => p && showPage(id, p.page - 1) }, "‹"),
      h("button", { type: "button", id: "page-next", disabled: !p || p.page + 1 >= pages, "aria-label": "Next page", onclick: () => p && showPage(id, p.page + 1) }, "›"),
    ),
    img,
  );
}

function importPanel() {
  const s = state.importState;
  if (!s) return null;
  const pct = s.total ? Math.round((s.done / s.total) * 100) : 0;
  const counts = s.summary
    ? `${s.summary.added} added · ${s.summary.duplicates} already in the library · ${s.summary.failed} failed${s.summary.cancelled ? " · cancelled" : ""}`
    : `${s.done} of ${s.total} files`;
  return h(
    "div",
    { class: "import-panel", id: "import-panel", "aria-live": "polite" },
    h(
      "div",
      { class: "import-head" },
      h("strong", {}, s.running ? "Importing…" : "Import finished"),
      h("span", { id: "import-counts" }, counts),
      s.running
        ? h("button", { type: "button", id: "import-cancel", onclick: () => attempt(() => api.cancelImport()) }, "Cancel")
        : h("button", { type: "button", onclick: () => { state.importState = null; render(); } }, "Dismiss"),
    ),
    h("progress", { max: 100, value: pct, "aria-label": "Import progress" }),
    h(
      "ul",
      { class: "import-results", id: "import-results" },
      ...s.results.map((r) =>
        h(
          "li",
          { class: `result ${r.status}`, "data-status": r.status },
          h("span", { class: "status" }, r.status === "added" ? "Added" : r.status === "duplicate" ? "Already in library" : "Failed"),
          h("span", { class: "file" }, baseName(r.path)),
          r.status === "failed" ? h("span", { class: "reason" }, r.reason) : null,
        ),
      ),
    ),
  );
}

async function importPaths(paths: string[]) {
  if (paths.length === 0) return;
  if (state.importState?.running) {
    toast("An import is already running; wait for it to finish or cancel it.", "error");
    return;
  }
  state.importState = { running: true, done: 0, total: 0, results: [], summary: null };
  setView("resumes");
  let lastPaint = 0;
  const summary = await attempt(() =>
    api.importPaths(paths, (ev) => {
      const s = state.importState;
      if (!s) return;
      if (ev.kind === "started") {
        s.total = ev.total;
      } else {
        s.done = ev.done;
        s.total = ev.total;
        s.results.push(ev.result);
      }
      // Repaint at most ~10 times a second so hundreds of files never flood the UI thread.
      const now = performance.now();
      if (now - lastPaint > 100 && state.view === "resumes") {
        lastPaint = now;
        document.getElementById("import-panel")?.replaceWith(importPanel() ?? "");
      }
    }),
  );
  if (state.importState) {
    state.importState.running = false;
    state.importState.summary = summary ?? null;
  }
  await Promise.all([loadResumes(), loadStats(), loadJobs()]);
  await loadRanked();
  render();
}

async function pickAndImport() {
  const paths = await attempt(() => api.pickResumes());
  if (paths && paths.length) await importPaths(paths);
}

// Storage

function renderStorage() {
  const s = state.stats;
  if (!s) return emptyState("Storage unavailable", "The statistics could not be read.");
  const card = (label: string, value: string, id: string) =>
    h("div", { class: "card" }, h("div", { class: "card-value", id }, value), h("div", { class: "card-label" }, label));
  return h(
    "section",
    { class: "storage" },
    h("h1", {}, "Storage"),
    h(
      "div",
      { class: "cards" },
      card("jobs", String(s.jobs), "stat-jobs"),
      card("resumes", String(s.resumes), "stat-resumes"),
      card("analyses", String(s.analyses), "stat-analyses"),
      card("feedback records", String(s.feedback), "stat-feedback"),
    ),
    h(
      "table",
      { class: "table compact" },
      h(
        "tbody",
        {},
        h("tr", {}, h("th", {}, "Database"), h("td", {}, formatBytes(s.database_bytes))),
        h("tr", {}, h("th", {}, "Resume PDFs"), h("td", {}, formatBytes(s.pdf_bytes))),
        h("tr", {}, h("th", {}, "Extracted text"), h("td", {}, formatBytes(s.text_bytes))),
        h("tr", {}, h("th", {}, "Total"), h("td", { id: "stat-total" }, formatBytes(s.database_bytes + s.pdf_bytes + s.text_bytes))),
        h("tr", {}, h("th", {}, "Data folder"), h("td", {}, h("code", { id: "stat-dir" }, s.data_dir))),
        h("tr", {}, h("th", {}, "Schema"), h("td", {}, `v${s.schema_version}`)),
        s.disk_free_bytes !== null && s.disk_total_bytes
          ? h(
              "tr",
              {},
              h("th", {}, "Free disk"),
              h(
                "td",
                { id: "stat-disk" },
                `${formatBytes(s.disk_free_bytes)} of ${formatBytes(s.disk_total_bytes)}`,
                s.disk_free_bytes * 10 < s.disk_total_bytes
                  ? h("span", { class: "warn" }, " — the disk is over 90 % full; imports may fail")
                  : null,
              ),
            )
          : null,
      ),
    ),
    chartsRow(),
    h("h2", {}, "Feedback"),
    h("p", { class: "muted" }, `${count(s.feedback, "rated answer")}. Export them for analysis or as training data for a LoRA fine-tune (ratings of 4 and 5, with your corrections).`),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "export-csv", onclick: () => exportFeedback("csv") }, "Export feedback (CSV)…"),
      h("button", { type: "button", id: "export-training", onclick: () => exportFeedback("training") }, "Export training data (JSONL)…"),
    ),
    h("h2", {}, "Backup"),
    h("p", { class: "muted" }, "Everything stays on this computer. A backup is one file with the database and every PDF; every file in it is checked by SHA-256 before a restore replaces anything."),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "backup", onclick: backupNow }, "Back up to a file…"),
      h("button", { type: "button", id: "restore", onclick: chooseBackup }, "Restore from a backup…"),
    ),
    state.restoreChoice ? restoreConfirm(state.restoreChoice) : null,
  );
}

/** "1 job", "2 jobs". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function restoreConfirm(c: BackupChoice) {
  const m = c.manifest;
  return h(
    "div",
    { class: "confirm", role: "alertdialog", "aria-label": "Confirm restore" },
    h("p", {}, `Restore the backup of ${formatDate(m.created_at)}: ${count(m.resumes, "resume")} and ${count(m.jobs, "job")}? It replaces what Shortlist holds now; the current data is kept beside the data folder. Shortlist restarts to do it.`),
    h("p", { class: "muted small" }, c.path),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "primary", id: "restore-confirm", onclick: () => restoreBackup(c.path) }, "Restore and restart"),
      h("button", { type: "button", id: "restore-cancel", onclick: () => { state.restoreChoice = null; render(); } }, "Cancel"),
    ),
  );
}

async function chooseBackup() {
  const choice = await attempt(() => api.chooseBackup());
  if (choice) {
    state.restoreChoice = choice;
    render();
    // The question appears below the buttons: bring it into view, keyboard focus on "Cancel".
    focusInView("restore-cancel");
  }
}

async function restoreBackup(path: string) {
  await attempt(() => api.restoreBackup(path));
  toast("Restoring… Shortlist restarts.");
}

async function backupNow() {
  const path = await attempt(() => api.backupToFile());
  if (path) toast(`Backup saved to ${path}`);
}

async function exportFeedback(kind: "csv" | "training") {
  const path = await attempt(() => api.exportFeedback(kind));
  if (path) toast(`Saved ${path}`);
}

// ---------- wiring ----------

for (const tab of document.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
  tab.addEventListener("click", () => setView(tab.dataset.view as View));
  tab.addEventListener("keydown", (ev) => {
    const tabs = [...document.querySelectorAll<HTMLButtonElement>("[role=tab]")];
    const i = tabs.indexOf(tab);
    const next = ev.key === "ArrowRight" ? tabs[(i + 1) % tabs.length] : ev.key === "ArrowLeft" ? tabs[(i + tabs.length - 1) % tabs.length] : null;
    if (next) {
      next.focus();
      setView(next.dataset.view as View);
    }
  });
}

$("new-job").addEventListener("click", () => openJob("new"));
$("add-resumes").addEventListener("click", pickAndImport);

document.addEventListener("keydown", (ev) => {
  const target = ev.target as HTMLElement | null;
  const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  if (!typing && state.view === "shortlist" && (ev.key === "j" || ev.key === "k") && state.ranked.length) {
    const rows = visibleRanked();
    const i = rows.findIndex(({ a }) => a.analysis_id === state.selectedAnalysis?.id);
    const next = ev.key === "j" ? Math.min(i + 1, rows.length - 1) : Math.max(i - 1, 0);
    const row = rows[next];
    if (row) void openAnalysis(row.a.analysis_id);
    return;
  }
  if (!(ev.ctrlKey || ev.metaKey)) return;
  const key = ev.key.toLowerCase();
  if (key === "n") {
    ev.preventDefault();
    openJob("new");
  } else if (key === "o") {
    ev.preventDefault();
    void pickAndImport();
  } else if (key === "f") {
    ev.preventDefault();
    setView("jobs");
    document.getElementById("job-search")?.focus();
  }
});

const overlay = $("drop-overlay");
void getCurrentWebview().onDragDropEvent((event) => {
  const p = event.payload;
  if (p.type === "enter" || p.type === "over") {
    overlay.hidden = false;
  } else if (p.type === "leave") {
    overlay.hidden = true;
  } else if (p.type === "drop") {
    overlay.hidden = true;
    void importPaths(p.paths);
  }
});

/** The whole window when the data folder cannot be opened: what happened and what to do. */
function renderStartupFailure(message: string) {
  document.querySelector("header")?.setAttribute("hidden", "");
  document.querySelector("nav")?.setAttribute("hidden", "");
  viewEl.replaceChildren(
    h(
      "div",
      { class: "empty startup-error", "data-testid": "startup-error", role: "alert" },
      h("h2", {}, "Shortlist cannot open its data folder"),
      h("p", { id: "startup-error-message" }, message),
      h(
        "p",
        { class: "muted" },
        "Nothing was changed. Check that the folder exists, is a folder, and that you may write to it (and that the disk has room), then start Shortlist again. To use another folder, start it with SHORTLIST_DATA_DIR set to that folder.",
      ),
    ),
  );
}

// First screen: load, paint, then tell the shell (it logs the start-up time, and how much of
// it the page spent: script start and data loaded, in ms since the page began loading).
const scriptStart = performance.now();
void api.startupError().then((failure) => {
  if (failure) {
    renderStartupFailure(failure);
    return;
  }
  setView("shortlist");
  void api.startupNotice().then((notice) => notice && toast(notice)).catch(() => undefined);
  // Listening before the first paint is reported: the shell starts the rescore then.
  const listening = api.onRescore((p) => void onRescoreProgress(p)).catch(() => undefined);
  void Promise.all([refresh(), listening]).then(() => {
    const loaded = performance.now();
    requestAnimationFrame(() =>
      void api.uiReady(Math.round(performance.timeOrigin), Math.round(scriptStart), Math.round(loaded)).catch(() => undefined),
    );
    // A page reloaded while the rescore runs picks up where it stands.
    void api.rescoreStatus().then((p) => (p?.running ? onRescoreProgress(p) : undefined)).catch(() => undefined);
  });
});
