// The Shortlist: the ranked candidates of the current job (left) and the open analysis or a
// comparison (right). The list keeps its element, scroll position and focus when a candidate
// is picked: only the selection mark moves, and the right pane is drawn again.
import { analyzeAll, analyzeLabel } from "../actions";
import { api, type ShortlistRow, type Stage } from "../api";
import { h } from "../dom";
import { command, currentJob, type Sort, selectAnalysis, state, subscribe, update } from "../store";
import { BAND_TEXT, FLAG_TEXT, matches, STAGE_TEXT, STAGES } from "../text";
import { attempt, emptyState, fill, replacePart, reveal, toast } from "../ui";
import { analysisDetail } from "./analysis";
import { bulkBar, entryOf, isBlind, moveTo, pending, rejectPrompt, rowMarks, targets, workflowPanel } from "./board";
import { compareView } from "./compare";
import { pickAndImport } from "./import";
import { openJob } from "./jobs";
import {
  bandBadge,
  bandLegendText,
  bandRange,
  CHUNK,
  chipLegend,
  growOnScroll,
  isStale,
  rescoreCounts,
  resumeCount,
  scoreClass,
  staleText,
} from "./parts";

const listPane = h("div", { class: "pane list-pane" });
const detailPane = h("div", { class: "pane detail-pane" });
export const root = h("section", { class: "split library" }, listPane, detailPane);

/** The ranked list as shown: filtered by name or skill, sorted as chosen (rank stays the score rank). */
function visibleRanked(): { a: ShortlistRow; rank: number }[] {
  const s = state.shortlist;
  const q = s.filter.trim();
  const all = s.ranked.map((a, i) => ({ a, rank: entryOf(a.resume_id)?.rank ?? i + 1 }));
  // One row per person (the core orders and ranks them); a person's older versions follow
  // their row, under it, only when switched on. The filters and the sort act on people: a
  // person is shown when any of their files matches the text (the files of one person may
  // carry other names, tags or notes), at the stage of the file their row shows.
  const older = new Map<string, { a: ShortlistRow; rank: number }[]>();
  const people: { a: ShortlistRow; rank: number }[] = [];
  for (const row of all) {
    const of = entryOf(row.a.resume_id)?.version_of;
    if (of) older.set(of, [...(older.get(of) ?? []), row]);
    else people.push(row);
  }
  const textMatches = (a: ShortlistRow) => {
    const e = entryOf(a.resume_id);
    return matches(q, a.name, ...a.matched.map((m) => m.skill), ...(e?.tags ?? []), noteTexts.get(a.resume_id) ?? "");
  };
  const shownPeople = people.filter(({ a }) => {
    const e = entryOf(a.resume_id);
    if (s.stage && (e?.stage ?? "new") !== s.stage) return false;
    if (s.passingOnly && a.gates !== "pass" && a.gates !== "no_gates") return false;
    return !q || textMatches(a) || (older.get(a.resume_id) ?? []).some((v) => textMatches(v.a));
  });
  if (s.sort === "name") shownPeople.sort((x, y) => x.a.name.localeCompare(y.a.name));
  if (s.sort === "years") shownPeople.sort((x, y) => y.a.years - x.a.years);
  if (s.sort === "recent") shownPeople.sort((x, y) => y.a.created_at - x.a.created_at);
  if (s.groupByStage) {
    const order = (r: ShortlistRow) => STAGES.findIndex(([st]) => st === stageOf(r));
    shownPeople.sort((x, y) => order(x.a) - order(y.a));
  }
  const rows = shownPeople.flatMap((row) =>
    expanded.has(row.a.resume_id) ? [row, ...(older.get(row.a.resume_id) ?? [])] : [row],
  );
  // What a filter hides leaves the selection: a bulk action only acts on rows in view.
  if (s.picked.size) {
    const shownIds = new Set(rows.map(({ a }) => a.analysis_id));
    const kept = [...s.picked].filter((id) => shownIds.has(id));
    if (kept.length !== s.picked.size) s.picked = new Set(kept);
  }
  return rows;
}

/** The notes' text per resume, loaded for the filter the first time it is used. */
const noteTexts = new Map<string, string>();
let notesLoadedFor: unknown = null;

async function loadNoteTexts() {
  const job = currentJob();
  const board = state.shortlist.board;
  if (!job || !board || notesLoadedFor === board) return;
  notesLoadedFor = board;
  noteTexts.clear();
  for (const e of board.entries) {
    if (!e.notes) continue;
    const notes = await attempt(() => api.listNotes(job.id, e.resume_id));
    if (notes) noteTexts.set(e.resume_id, notes.map((n) => n.text).join("\n"));
  }
}

// ---------- the list ----------

/** Rows of the shortlist in the DOM; more are appended as the list scrolls. */
let shown = 0;

function candidateId(analysisId: string) {
  return `candidate-${analysisId}`;
}

/** The people whose older versions are shown (by the resume their row shows). */
const expanded = new Set<string>();

/** "2 versions" on a person's row: switches their older versions on and off for comparing. */
function versionsSwitch(a: ShortlistRow) {
  const e = entryOf(a.resume_id);
  if (e?.version_of) return h("span", { class: "muted small version-note" }, "older version");
  if (!e || e.versions < 2) return null;
  const open = expanded.has(a.resume_id);
  return h(
    "button",
    {
      type: "button",
      class: "versions-switch small",
      id: `versions-${a.resume_id}`,
      "aria-expanded": String(open),
      title: open ? "Hide the older versions" : "Compare this person's versions",
      onclick: () => {
        if (open) expanded.delete(a.resume_id);
        else expanded.add(a.resume_id);
        redrawList();
      },
    },
    `${e.versions} versions`,
  );
}

function shortlistRow({ a, rank }: { a: ShortlistRow; rank: number }) {
  return h(
    "li",
    { class: entryOf(a.resume_id)?.version_of ? "older-version" : "" },
    h(
      "button",
      {
        type: "button",
        id: candidateId(a.analysis_id),
        class: `candidate ${state.shortlist.selected === a.analysis_id ? "selected" : ""} ${state.shortlist.picked.has(a.analysis_id) ? "picked" : ""}`,
        "aria-current": state.shortlist.selected === a.analysis_id ? "true" : undefined,
        "aria-pressed": state.shortlist.picked.has(a.analysis_id) ? "true" : "false",
        "data-analysis-id": a.analysis_id,
        "data-resume-id": a.resume_id,
        "data-stage": entryOf(a.resume_id)?.stage ?? "new",
        onclick: (ev: Event) => clickRow(a.analysis_id, ev as MouseEvent),
      },
      h("span", { class: "rank" }, String(rank)),
      h(
        "span",
        { class: `score ${scoreClass(a.score, a.engine_version)}`, "aria-label": `score ${a.score} of 100` },
        String(a.score),
      ),
      bandBadge(a.band, a.engine_version),
      h(
        "span",
        { class: "who" },
        h("span", { class: "name" }, a.name),
        isStale(a.engine_version) ? h("span", { class: "stale-note" }, staleText()) : null,
        !isStale(a.engine_version) && a.job_revision < (currentJob()?.revision ?? 0)
          ? h(
              "span",
              { class: "stale-note" },
              state.app.rescore?.running
                ? "scored before the job was edited — updating…"
                : "scored before the job was edited — re-analyse to update",
            )
          : null,
        h("span", { class: "marks" }, ...rowMarks(a)),
        h(
          "span",
          { class: "skills" },
          ...a.matched.slice(0, 5).map((m) => h("span", { class: `chip ok ${m.evidenced ? "" : "listed"}` }, m.skill)),
          ...a.missing_required.slice(0, 3).map((m) => h("span", { class: "chip missing" }, m)),
        ),
      ),
      a.flags.length && a.flags[0]
        ? h("span", { class: "flag", title: a.flags.map((f) => FLAG_TEXT[f]).join(", ") }, `⚠ ${FLAG_TEXT[a.flags[0]]}`)
        : null,
    ),
    versionsSwitch(a),
  );
}

/**
 * The shortlist. Thousands of rows stay fast: the first chunk is rendered at once, and a
 * sentinel at the end appends the next chunk when it scrolls into view.
 */
function shortlistList(): HTMLElement {
  const rows = visibleRanked();
  if (state.shortlist.ranked.length && rows.length === 0) {
    return h("p", { id: "shortlist", class: "muted pad" }, `No candidate matches “${state.shortlist.filter}”.`);
  }
  const selected = rows.findIndex(({ a }) => a.analysis_id === state.shortlist.selected);
  shown = Math.min(rows.length, Math.max(CHUNK, shown, selected + CHUNK));
  const draw = state.shortlist.groupByStage
    ? groupedRows(rows)
    : (from: number, to: number) => rows.slice(from, to).map(shortlistRow);
  const list = h("ol", { class: "shortlist", id: "shortlist", "aria-multiselectable": "true" }, ...draw(0, shown));
  if (shown < rows.length) {
    const sentinel = h("li", { class: "more muted", "aria-hidden": "true" }, `${rows.length - shown} more…`);
    list.append(sentinel);
    growOnScroll(
      sentinel,
      () => {
        const from = shown;
        shown = Math.min(rows.length, from + CHUNK);
        sentinel.before(...draw(from, shown));
        return rows.length - shown;
      },
      (left) => {
        sentinel.textContent = `${left} more…`;
      },
    );
  }
  return list;
}

/** The stage of the person a row is of (an older version's is that of the row it is under). */
function stageOf(r: ShortlistRow): Stage {
  const e = entryOf(r.resume_id);
  const row = e?.version_of ? entryOf(e.version_of) : e;
  return row?.stage ?? "new";
}

/**
 * Rows grouped by stage (they are sorted so already): before the first row of each stage, a
 * heading with the stage and how many candidates in view are at it. Headings are not rows:
 * `j`/`k` and the arrows move from row to row over them.
 */
function groupedRows(rows: { a: ShortlistRow; rank: number }[]) {
  const counts = new Map<Stage, number>();
  // People, not files: a person's older versions shown for comparing do not count again.
  for (const { a } of rows) {
    if (entryOf(a.resume_id)?.version_of) continue;
    counts.set(stageOf(a), (counts.get(stageOf(a)) ?? 0) + 1);
  }
  return (from: number, to: number) =>
    rows.slice(from, to).flatMap((row, i) => {
      const stage = stageOf(row.a);
      const previous = from + i > 0 ? rows[from + i - 1] : undefined;
      if (previous && stageOf(previous.a) === stage) return [shortlistRow(row)];
      const n = counts.get(stage) ?? 0;
      const heading = h(
        "li",
        { class: `stage-heading ${stage}`, "data-stage": stage },
        h(
          "h3",
          { class: "stage-heading-title", id: `stage-heading-${stage}` },
          `${STAGE_TEXT[stage]} `,
          h("span", { class: "stage-heading-count" }, `· ${n}`),
        ),
      );
      return [heading, shortlistRow(row)];
    });
}

function shortlistControls() {
  const filter = h("input", {
    id: "shortlist-filter",
    type: "search",
    placeholder: "Filter by name, skill, tag or note",
    "aria-label": "Filter candidates by name, skill, tag or note",
    value: state.shortlist.filter,
  });
  filter.addEventListener("input", async () => {
    state.shortlist.filter = filter.value;
    redrawList();
    await loadNoteTexts();
    if (state.shortlist.filter === filter.value) redrawList();
  });
  const stage = h(
    "select",
    { id: "shortlist-stage", "aria-label": "Show stage" },
    h("option", { value: "" }, "Every stage"),
    ...STAGES.map(([st]) => h("option", { value: st, selected: state.shortlist.stage === st }, STAGE_TEXT[st])),
  );
  stage.addEventListener("change", () => {
    state.shortlist.stage = stage.value as Stage | "";
    redrawList();
  });
  const toggle = (id: string, label: string, on: boolean, set: (v: boolean) => void) => {
    const box = h("input", { type: "checkbox", id, checked: on });
    box.addEventListener("change", () => set(box.checked));
    return h("label", { class: "toggle", for: id }, box, label);
  };
  const sorts: [Sort, string][] = [
    ["score", "Best score"],
    ["years", "Most experience"],
    ["name", "Name"],
    ["recent", "Recently analysed"],
  ];
  const sort = h(
    "select",
    { id: "shortlist-sort", "aria-label": "Sort candidates" },
    ...sorts.map(([v, label]) => h("option", { value: v, selected: state.shortlist.sort === v }, label)),
  );
  sort.addEventListener("change", () => {
    state.shortlist.sort = sort.value as Sort;
    redrawList();
  });
  const job = currentJob();
  return h(
    "div",
    { class: "shortlist-controls-wrap" },
    h("div", { class: "shortlist-controls" }, filter, stage, sort),
    h(
      "div",
      { class: "shortlist-controls" },
      toggle("shortlist-passing", "Passing every gate only", state.shortlist.passingOnly, (v) => {
        state.shortlist.passingOnly = v;
        redrawList();
      }),
      toggle("shortlist-group", "Group by stage", state.shortlist.groupByStage, (v) => {
        state.shortlist.groupByStage = v;
        redrawList();
      }),
      toggle("shortlist-blind", "Blind screening", isBlind(), async (v) => {
        if (!job) return;
        const done = await command(() => api.setJobBlind(job.id, v), ["jobs", "shortlist", "analysis", "resumes"]);
        if (done) toast(v ? "Blind screening on: names and contact details are hidden" : "Blind screening off");
      }),
      h("span", { class: "grow" }),
      h("button", { type: "button", id: "shortlist-export", onclick: exportList }, "Export CSV…"),
    ),
  );
}

async function exportList() {
  const job = currentJob();
  if (!job) return;
  const s = state.shortlist;
  const path = await attempt(() => api.exportShortlist(job.id, s.stage || null, s.passingOnly));
  if (path) toast(`Shortlist exported${isBlind() ? " without names or contact details" : ""}`);
}

/** Counts per stage on the job. */
function stageCounts() {
  const stages = state.shortlist.board?.stages ?? [];
  return h(
    "div",
    { class: "stage-counts", id: "stage-counts" },
    ...stages.map(([st, n]) => h("span", { class: `stage-count ${st}`, "data-stage": st }, `${STAGE_TEXT[st]} ${n}`)),
  );
}

/** The filter or the sort changed: only the list is drawn again, from its top. */
function redrawList() {
  shown = 0;
  const old = document.getElementById("shortlist");
  if (old) old.replaceWith(shortlistList());
  // The filter may have dropped picked rows: the bulk bar counts what is left.
  const bar = document.getElementById("bulk-bar");
  const next = bulkBar();
  if (bar && next) bar.replaceWith(next);
  else if (bar) bar.remove();
}

/** The three bands with their ranges, and a disclosure with what they and the chips mean. */
function bandLegend() {
  if (!state.app.bands) return null;
  const bands = ["strong", "possible", "weak"] as const;
  return h(
    "div",
    { class: "legend", id: "band-legend" },
    h(
      "div",
      { class: "legend-bands" },
      ...bands.map((b) =>
        h("span", { class: "legend-item" }, h("span", { class: `band ${b}` }, BAND_TEXT[b]), " ", bandRange(b)),
      ),
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

/** Scoring analyses of an older engine again: how far it is, and a way to stop it. */
function rescorePanel() {
  const r = state.app.rescore;
  if (!r?.running) return null;
  return h(
    "div",
    { class: "rescore-panel", id: "rescore-panel", role: "status", "aria-live": "polite" },
    h(
      "div",
      { class: "import-head" },
      h("strong", {}, "Updating scores"),
      h("span", { id: "rescore-counts" }, rescoreCounts(r)),
      h("button", { type: "button", id: "rescore-cancel", onclick: () => attempt(() => api.cancelRescore()) }, "Stop"),
    ),
    h("progress", { max: r.total || 1, value: r.done, "aria-label": "Score update progress" }),
  );
}

function renderList() {
  const job = currentJob();
  if (!job) {
    fill(
      listPane,
      emptyState(
        "No job selected",
        "Create the job you are hiring for; every resume you add is then scored against it.",
        h("button", { class: "primary", type: "button", onclick: () => openJob("new") }, "New job"),
      ),
    );
    return;
  }
  const ranked = state.shortlist.ranked;
  const head = h(
    "div",
    { class: "pane-head" },
    h("h1", {}, "Shortlist"),
    h(
      "span",
      { class: "muted", id: "shortlist-count" },
      `${ranked.length} of ${resumeCount()} resumes scored for ${job.role}`,
    ),
    h("span", { class: "spacer" }),
    h(
      "button",
      {
        type: "button",
        id: "analyze-all",
        disabled: state.shortlist.analyzing !== null || resumeCount() === 0,
        onclick: analyzeAll,
      },
      analyzeLabel(),
    ),
  );
  const body =
    ranked.length === 0
      ? emptyState(
          "Nothing scored yet",
          resumeCount()
            ? "Score the resumes already in your library against this job."
            : "Drop resume PDFs on the window; each one is scored against this job as it is added.",
          resumeCount()
            ? h("button", { class: "primary", type: "button", onclick: analyzeAll }, "Analyse all resumes")
            : h("button", { class: "primary", type: "button", onclick: pickAndImport }, "Add resumes…"),
        )
      : h("div", {}, stageCounts(), shortlistControls(), bulkBar(), rejectPrompt(), bandLegend(), shortlistList());
  fill(listPane, head, rescorePanel(), body);
}

/** What the list was last drawn from; a change of anything but the selection draws it again. */
let drawn: unknown[] = [];

function renderListIfChanged() {
  const s = state.shortlist;
  const job = currentJob();
  const now = [
    job?.id,
    job?.role,
    s.ranked,
    s.analyzing === null,
    resumeCount(),
    state.app.bands,
    state.app.rescore?.running,
    s.board,
    s.picked,
    pending(),
    job?.revision,
  ];
  if (now.length === drawn.length && now.every((v, i) => v === drawn[i])) {
    markSelection();
    return;
  }
  // Another job's list starts from its top; the same job's keeps the rows appended so far.
  if (job?.id !== drawn[0]) shown = 0;
  drawn = now;
  renderList();
}

/** Moves the selection mark to the selected row, leaving the list as it is. */
function markSelection() {
  const selected = state.shortlist.selected;
  for (const el of listPane.querySelectorAll<HTMLElement>(".candidate.selected")) {
    if (el.dataset.analysisId === selected) continue;
    el.classList.remove("selected");
    el.removeAttribute("aria-current");
  }
  for (const el of listPane.querySelectorAll<HTMLElement>(".candidate")) {
    const on = state.shortlist.picked.has(el.dataset.analysisId ?? "");
    el.classList.toggle("picked", on);
    el.setAttribute("aria-pressed", String(on));
  }
  const row = selected ? document.getElementById(candidateId(selected)) : null;
  row?.classList.add("selected");
  row?.setAttribute("aria-current", "true");
}

// ---------- the right pane ----------

/** The analysis the right pane last showed (scroll is kept while it shows the same one). */
let drawnDetail: string | null = null;

/** What the right pane was last drawn from. */
let drawnFrom: unknown[] = [];

function renderDetail() {
  const s = state.shortlist;
  const a = state.analysis.detail;
  const from = [
    a,
    s.board,
    s.notes,
    state.analysis.feedback,
    s.compareWith,
    s.scoring,
    // A rejection asked for and cancelled: the stage menu shows the stage again.
    pending(),
    s.ranked.length > 0,
    state.app.bands,
    state.app.rescore?.running,
  ];
  if (from.every((v, i) => v === drawnFrom[i])) return;
  drawnFrom = from;
  // While another candidate's analysis loads, the one open stays.
  const showing = a;
  const compare = showing && s.compareWith && s.compareWith.id !== showing.id;
  const key = compare ? `compare:${s.compareWith?.id}:${showing.id}` : (showing?.id ?? null);
  const content: HTMLElement | null =
    compare && s.compareWith && showing
      ? compareView(s.compareWith, showing)
      : showing
        ? h("div", { id: "candidate-detail" }, workflowPanel(showing), analysisDetail(showing))
        : state.shortlist.ranked.length
          ? emptyState("Pick a candidate", "Select a candidate to see how the score was made.")
          : null;
  const existing = detailPane.firstElementChild;
  if (key === drawnDetail && existing && content && existing.id === content.id) {
    replacePart(existing, content);
  } else {
    detailPane.replaceChildren(...(content ? [content] : []));
    detailPane.scrollTop = 0;
  }
  drawnDetail = key;
}

// ---------- actions ----------

/** Picks a candidate (a click or `j`/`k`): the mark moves, the analysis opens on the right. */
function pick(analysisId: string) {
  void selectAnalysis(analysisId);
}

/** A click on a row: opens it; with Ctrl adds it to (or takes it from) the selection; with Shift selects the range from the last one. */
function clickRow(id: string, ev: MouseEvent) {
  const s = state.shortlist;
  if (ev.shiftKey) {
    pickRange(s.anchor ?? s.selected ?? id, id);
  } else if (ev.ctrlKey || ev.metaKey) {
    const picked = new Set(s.picked);
    if (picked.size === 0 && s.selected && s.selected !== id) picked.add(s.selected);
    if (picked.has(id)) picked.delete(id);
    else picked.add(id);
    update("shortlist", { picked, anchor: id });
  } else {
    if (s.picked.size) update("shortlist", { picked: new Set(), anchor: id });
    else s.anchor = id;
  }
  pick(id);
}

function pickRange(from: string, to: string) {
  const rows = visibleRanked().map(({ a }) => a.analysis_id);
  const [i, j] = [rows.indexOf(from), rows.indexOf(to)];
  if (i < 0 || j < 0) return;
  const picked = new Set(rows.slice(Math.min(i, j), Math.max(i, j) + 1));
  update("shortlist", { picked, anchor: from });
}

/**
 * The shortlist's own keys (not while typing): 1–6 move the selected candidates to a stage
 * (6, Rejected, asks for a reason), Shift+J/K extend the selection, Ctrl+A selects every
 * visible row, Esc clears the selection. Returns whether the key was used.
 */
export function handleKey(ev: KeyboardEvent): boolean {
  const s = state.shortlist;
  if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "a") {
    update("shortlist", { picked: new Set(visibleRanked().map(({ a }) => a.analysis_id)) });
    return true;
  }
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return false;
  const stage = STAGES.find(([, key]) => key === ev.key);
  if (stage) {
    // Only candidates in view move: one the filter hides is not acted on unseen.
    const shown = new Set(visibleRanked().map(({ a }) => a.analysis_id));
    const all = targets();
    const ids = all.filter((r) => shown.has(r.analysis_id)).map((r) => r.resume_id);
    if (ids.length) void moveTo(stage[0], ids);
    else if (all.length) toast("The selected candidate is hidden by the filter: pick one in the list first");
    return all.length > 0;
  }
  if (ev.key === "J" || ev.key === "K") {
    const anchor = s.anchor ?? s.selected;
    move(ev.key === "J" ? 1 : -1);
    if (anchor && s.selected) pickRange(anchor, s.selected);
    return true;
  }
  if (ev.key === "Escape" && s.picked.size) {
    update("shortlist", { picked: new Set() });
    return true;
  }
  return false;
}

/** `j`/`k`: the next or previous visible candidate, scrolled into view with the keyboard on it. */
export function move(step: 1 | -1) {
  const rows = visibleRanked();
  if (rows.length === 0) return;
  const i = rows.findIndex(({ a }) => a.analysis_id === state.shortlist.selected);
  const next = rows[i < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, i + step))];
  if (!next) return;
  const id = next.a.analysis_id;
  if (!document.getElementById(candidateId(id))) redrawUpTo(rows.indexOf(next));
  pick(id);
  const row = document.getElementById(candidateId(id));
  row?.focus({ preventScroll: true });
  if (row) reveal(row);
}

/** Draws the list again with at least `index + 1` rows (a row not yet appended is wanted). */
function redrawUpTo(index: number) {
  shown = Math.max(shown, index + 1);
  const old = document.getElementById("shortlist");
  if (old) replacePart(old, shortlistList());
}

subscribe(["shortlist", "jobs", "app", "storage"], renderListIfChanged);
subscribe(["analysis", "shortlist", "app"], renderDetail);
renderListIfChanged();
