// The Shortlist: the ranked candidates of the current job (left) and the open analysis or a
// comparison (right). The list keeps its element, scroll position and focus when a candidate
// is picked: only the selection mark moves, and the right pane is drawn again.
import { analyzeAll, analyzeLabel } from "../actions";
import { api, type ShortlistRow } from "../api";
import { h } from "../dom";
import { currentJob, type Sort, selectAnalysis, state, subscribe } from "../store";
import { BAND_TEXT, FLAG_TEXT } from "../text";
import { attempt, emptyState, fill, replacePart, reveal } from "../ui";
import { analysisDetail } from "./analysis";
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
  const q = s.filter.trim().toLowerCase();
  const rows = s.ranked
    .map((a, i) => ({ a, rank: i + 1 }))
    .filter(
      ({ a }) => !q || a.name.toLowerCase().includes(q) || a.matched.some((m) => m.skill.toLowerCase().includes(q)),
    );
  if (s.sort === "name") rows.sort((x, y) => x.a.name.localeCompare(y.a.name));
  if (s.sort === "years") rows.sort((x, y) => y.a.years - x.a.years);
  if (s.sort === "recent") rows.sort((x, y) => y.a.created_at - x.a.created_at);
  return rows;
}

// ---------- the list ----------

/** Rows of the shortlist in the DOM; more are appended as the list scrolls. */
let shown = 0;

function candidateId(analysisId: string) {
  return `candidate-${analysisId}`;
}

function shortlistRow({ a, rank }: { a: ShortlistRow; rank: number }) {
  return h(
    "li",
    {},
    h(
      "button",
      {
        type: "button",
        id: candidateId(a.analysis_id),
        class: `candidate ${state.shortlist.selected === a.analysis_id ? "selected" : ""}`,
        "aria-current": state.shortlist.selected === a.analysis_id ? "true" : undefined,
        "data-analysis-id": a.analysis_id,
        onclick: () => pick(a.analysis_id),
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
  const list = h("ol", { class: "shortlist", id: "shortlist" }, ...rows.slice(0, shown).map(shortlistRow));
  if (shown < rows.length) {
    const sentinel = h("li", { class: "more muted", "aria-hidden": "true" }, `${rows.length - shown} more…`);
    list.append(sentinel);
    growOnScroll(
      sentinel,
      () => {
        const from = shown;
        shown = Math.min(rows.length, from + CHUNK);
        sentinel.before(...rows.slice(from, shown).map(shortlistRow));
        return rows.length - shown;
      },
      (left) => {
        sentinel.textContent = `${left} more…`;
      },
    );
  }
  return list;
}

function shortlistControls() {
  const filter = h("input", {
    id: "shortlist-filter",
    type: "search",
    placeholder: "Filter by name or skill",
    "aria-label": "Filter candidates by name or skill",
    value: state.shortlist.filter,
  });
  filter.addEventListener("input", () => {
    state.shortlist.filter = filter.value;
    redrawList();
  });
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
  return h("div", { class: "shortlist-controls" }, filter, sort);
}

/** The filter or the sort changed: only the list is drawn again, from its top. */
function redrawList() {
  shown = 0;
  const old = document.getElementById("shortlist");
  if (old) old.replaceWith(shortlistList());
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
      h("span", { id: "rescore-counts" }, `${r.done} of ${r.total} analyses made by an older engine scored again`),
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
      : h("div", {}, shortlistControls(), bandLegend(), shortlistList());
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
    state.analysis.feedback,
    s.compareWith,
    s.scoring,
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
        ? analysisDetail(showing)
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
