// Search: one box over the whole library, by meaning and by words ("led a migration to
// Kubernetes", a skill, a name). Results are candidates with their matching passages, the
// query's words marked; filters by tag, job + stage and import date; "Find people like this"
// from any result; Enter opens the candidate's resume. While the current job is blind the
// search runs within its candidates and the core withholds their names.
import { showView } from "../actions";
import { api, errorMessage, type LibraryFilters, type LibraryHit, type Span, type Stage } from "../api";
import { formatDate, h } from "../dom";
import { currentJob, openResume, selectAnalysis, state, subscribe } from "../store";
import { count, jobTitle, STAGE_TEXT, STAGES } from "../text";
import { fill, reveal, toast } from "../ui";

/** Candidates asked for per search. */
const LIMIT = 20;
/** The pause in typing after which the search runs. */
const DEBOUNCE_MS = 300;

const SECTION_TEXT: Record<string, string> = {
  header: "Header",
  summary: "Summary",
  experience: "Experience",
  education: "Education",
  skills: "Skills",
  projects: "Projects",
  other: "Other",
  lead: "Top of the resume",
};

type Phase =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "done"; hits: LibraryHit[] }
  | { kind: "error"; message: string };

/** The screen's own state (nothing else shows it). */
const search = {
  query: "",
  tag: "",
  job: "",
  stage: "" as Stage | "",
  /** YYYY-MM-DD from the date field ("" none). */
  since: "",
  /** "People like this one": the resume and how it is named. */
  like: null as { id: string; label: string } | null,
  phase: { kind: "idle" } as Phase,
  /** The result the keyboard is on. */
  active: 0,
  /** Every tag in the library, for the filter. */
  tags: [] as string[],
  /** Each search's number: an answer to an older one is dropped. */
  seq: 0,
};

const body = h("div", { class: "search-body" });
const pane = h("div", { class: "pane search-pane" });
export const root = h("section", { class: "search-screen" }, pane);

const box = h("input", {
  id: "search-box",
  type: "search",
  placeholder: "Search every resume: “led a migration to Kubernetes”, a skill, a name",
  "aria-label": "Search the library",
  "aria-controls": "search-results",
  autocomplete: "off",
  spellcheck: "false",
});
let timer = 0;
box.addEventListener("input", () => {
  search.query = box.value;
  search.like = null;
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
});
box.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter") {
    ev.preventDefault();
    window.clearTimeout(timer);
    void run();
  } else if (ev.key === "ArrowDown" && hits().length) {
    ev.preventDefault();
    focusHit(0);
  }
});

/** Whether the current job is screened blind (then the search is kept within it). */
function blindJob() {
  const job = currentJob();
  return job?.blind ? job : undefined;
}

function filters(): LibraryFilters {
  const blind = blindJob();
  const job = blind?.id ?? (search.job || null);
  return {
    tag: search.tag || null,
    job,
    stage: job && search.stage ? search.stage : null,
    imported_after: search.since ? new Date(`${search.since}T00:00:00`).toISOString() : null,
    imported_before: null,
  };
}

function hits(): LibraryHit[] {
  return search.phase.kind === "done" ? search.phase.hits : [];
}

/** Runs the search the box, the filters and "like" describe (nothing to search: the intro). */
async function run() {
  const seq = ++search.seq;
  const query = search.query.trim();
  if (!query && !search.like) {
    search.phase = { kind: "idle" };
    render();
    return;
  }
  search.phase = { kind: "loading" };
  render();
  try {
    const like = search.like?.id ?? null;
    const found = await api.searchLibrary(like ? "" : query, filters(), LIMIT, like);
    if (seq !== search.seq) return;
    search.phase = { kind: "done", hits: found };
    search.active = 0;
  } catch (e) {
    if (seq !== search.seq) return;
    search.phase = { kind: "error", message: errorMessage(e) };
  }
  render();
}

/** The tags of the library, for the tag filter. */
async function loadTags() {
  try {
    const all = await api.libraryTags();
    const seen = new Map<string, string>();
    for (const [, tags] of all) for (const t of tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
    search.tags = [...seen.values()].sort((a, b) => a.localeCompare(b));
    render();
  } catch {
    // The filter then offers no tags; the search itself still works.
  }
}

/** `text` with the spans (in Unicode scalar values) wrapped in <mark>. */
export function marked(text: string, spans: Span[]): (string | HTMLElement)[] {
  const chars = Array.from(text);
  const out: (string | HTMLElement)[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at || s.end <= s.start) continue;
    if (s.start > at) out.push(chars.slice(at, s.start).join(""));
    out.push(h("mark", {}, chars.slice(s.start, s.end).join("")));
    at = s.end;
  }
  if (at < chars.length) out.push(chars.slice(at).join(""));
  return out;
}

function hitName(hit: LibraryHit): string {
  return hit.name ?? hit.blind_label ?? hit.file_name ?? "Unnamed candidate";
}

/** Opens the candidate's resume; one whose name is withheld (a blind job) opens in that
 * job's shortlist instead, where it stays withheld (the library shows names). */
function openHit(hit: LibraryHit) {
  if (hit.blind_label) {
    const row = state.shortlist.ranked.find((r) => r.resume_id === hit.resume_id);
    if (!row) {
      toast("This candidate is not in the current job's shortlist", "error");
      return;
    }
    showView("shortlist");
    void selectAnalysis(row.analysis_id);
    return;
  }
  showView("resumes");
  void openResume(hit.resume_id);
}

function findLike(hit: LibraryHit) {
  window.clearTimeout(timer);
  search.like = { id: hit.resume_id, label: hitName(hit) };
  void run();
  box.focus();
}

function focusHit(i: number) {
  const all = hits();
  if (all.length === 0) return;
  search.active = Math.max(0, Math.min(all.length - 1, i));
  for (const el of pane.querySelectorAll<HTMLElement>(".search-hit")) {
    const on = Number(el.dataset.index) === search.active;
    el.tabIndex = on ? 0 : -1;
    el.classList.toggle("selected", on);
    if (on) {
      el.focus({ preventScroll: true });
      reveal(el);
    }
  }
}

/** j/k or arrows move through the results, Enter opens one (when not typing). */
export function handleKey(ev: KeyboardEvent): boolean {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return false;
  const all = hits();
  if (all.length === 0) return false;
  const onHit = (ev.target as HTMLElement | null)?.closest?.(".search-hit");
  if (ev.key === "j" || ev.key === "ArrowDown") {
    focusHit(onHit ? search.active + 1 : search.active);
    return true;
  }
  if (ev.key === "k" || ev.key === "ArrowUp") {
    if (onHit && search.active === 0) {
      box.focus();
      return true;
    }
    focusHit(search.active - 1);
    return true;
  }
  if (ev.key === "Enter" && onHit) {
    const hit = all[search.active];
    if (hit) openHit(hit);
    return true;
  }
  return false;
}

/** Focuses the search box (Ctrl+K from anywhere, Ctrl+F here). */
export function focusBox() {
  showView("search");
  box.focus();
  box.select();
}

function filterBar() {
  const blind = blindJob();
  const tag = h(
    "select",
    { id: "search-tag", "aria-label": "Only with tag" },
    h("option", { value: "" }, "Any tag"),
    ...search.tags.map((t) => h("option", { value: t, selected: t === search.tag }, t)),
  );
  tag.addEventListener("change", () => {
    search.tag = tag.value;
    void run();
  });
  const jobValue = blind?.id ?? search.job;
  const job = h(
    "select",
    { id: "search-job", "aria-label": "Only analysed for job", disabled: Boolean(blind) },
    h("option", { value: "" }, "Any job"),
    ...state.jobs.all.map((j) => h("option", { value: j.id, selected: j.id === jobValue }, jobTitle(j))),
  );
  job.addEventListener("change", () => {
    search.job = job.value;
    if (!job.value) search.stage = "";
    void run();
  });
  const stage = h(
    "select",
    { id: "search-stage", "aria-label": "At stage", disabled: !jobValue },
    h("option", { value: "" }, "Any stage"),
    ...STAGES.map(([s]) => h("option", { value: s, selected: s === search.stage }, STAGE_TEXT[s])),
  );
  stage.addEventListener("change", () => {
    search.stage = stage.value as Stage | "";
    void run();
  });
  const since = h("input", {
    id: "search-since",
    type: "date",
    "aria-label": "Imported since",
    value: search.since,
  });
  since.addEventListener("change", () => {
    search.since = since.value;
    void run();
  });
  return h(
    "div",
    { class: "search-filters", role: "group", "aria-label": "Filters" },
    tag,
    job,
    stage,
    h("label", { class: "muted small", for: "search-since" }, "Imported since"),
    since,
    blind
      ? h(
          "p",
          { class: "muted small blind-note", id: "search-blind-note" },
          `“${jobTitle(blind)}” is screened blind: the search looks among its candidates, without their names.`,
        )
      : null,
  );
}

function hitView(hit: LibraryHit, i: number) {
  const title = hit.name
    ? h("span", { class: "search-name" }, ...marked(hit.name, hit.name_highlights))
    : h("span", { class: "search-name" }, hitName(hit));
  return h(
    "li",
    {
      class: `search-hit ${i === search.active ? "selected" : ""}`,
      id: `search-hit-${hit.resume_id}`,
      "data-resume-id": hit.resume_id,
      "data-index": i,
      tabindex: i === search.active ? 0 : -1,
      "aria-label": hitName(hit),
      onfocus: () => {
        search.active = i;
      },
    },
    h(
      "div",
      { class: "search-hit-head" },
      title,
      hit.name && hit.file_name ? h("span", { class: "muted small" }, hit.file_name) : null,
      ...hit.tags.map((t) => h("span", { class: "badge" }, t)),
      hit.other_versions > 0
        ? h(
            "span",
            {
              class: "muted small search-versions",
              id: `search-versions-${hit.resume_id}`,
              title: "Files linked as possibly the same person: this result shows their best match",
            },
            hit.other_versions === 1 ? "also 1 other version" : `also ${hit.other_versions} other versions`,
          )
        : null,
      h("span", { class: "grow" }),
      h("span", { class: "muted small" }, `imported ${formatDate(hit.first_seen)}`),
    ),
    h(
      "ul",
      { class: "search-passages" },
      ...hit.passages.map((p) =>
        h(
          "li",
          { class: "search-passage" },
          h("span", { class: "search-section" }, SECTION_TEXT[p.section] ?? p.section),
          h("span", { class: "search-text" }, ...marked(p.text, p.highlights)),
        ),
      ),
    ),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "button", id: `search-open-${hit.resume_id}`, onclick: () => openHit(hit) },
        hit.blind_label ? "Open in the shortlist" : "Open resume",
      ),
      h(
        "button",
        { type: "button", id: `search-like-${hit.resume_id}`, onclick: () => findLike(hit) },
        "Find people like this",
      ),
    ),
  );
}

function results() {
  const p = search.phase;
  if (p.kind === "idle") {
    return h(
      "div",
      { class: "empty search-intro", id: "search-results", "data-testid": "search-intro" },
      h("h2", {}, "Search the whole library"),
      h(
        "p",
        {},
        "Describe what you look for in your own words — “payroll for 500+ employees”, “led a migration to Kubernetes” — or type a skill or a name. Results match by meaning and by words.",
      ),
      h("p", { class: "small" }, "↓ or j / k move through the results, Enter opens the resume."),
    );
  }
  if (p.kind === "loading") {
    return h(
      "p",
      { class: "muted pad search-status", id: "search-results", role: "status", "aria-busy": "true" },
      "Searching…",
    );
  }
  if (p.kind === "error" && p.message.includes("screened blind")) {
    // Not a failure: what blind screening withholds, said as such.
    return h(
      "div",
      { class: "empty", id: "search-results", role: "status" },
      h("h2", {}, "Names are not searched while this job is screened blind"),
      h("p", {}, "Search by skills or experience instead, or turn blind screening off on the Shortlist."),
    );
  }
  if (p.kind === "error") {
    return h(
      "div",
      { class: "confirm search-error", id: "search-results", role: "alert" },
      h("p", {}, `The search failed: ${p.message}`),
      h("button", { type: "button", id: "search-retry", onclick: () => void run() }, "Try again"),
    );
  }
  if (p.hits.length === 0) {
    return h(
      "div",
      { class: "empty", id: "search-results", "data-testid": "search-empty" },
      h("h2", {}, "No resume matches"),
      h(
        "p",
        {},
        search.like
          ? "No other resume is like this one within the filters."
          : "Try other words, or fewer filters. Only imported resumes are searched.",
      ),
    );
  }
  return h(
    "ol",
    { class: "search-results", id: "search-results", "aria-label": "Search results" },
    ...p.hits.map(hitView),
  );
}

function render() {
  const p = search.phase;
  const summary =
    p.kind === "done" && p.hits.length
      ? `${count(p.hits.length, "candidate")}${p.hits.length === LIMIT ? " (the best)" : ""}`
      : "";
  fill(
    body,
    filterBar(),
    search.like
      ? h(
          "div",
          { class: "search-like", id: "search-like-banner", role: "status" },
          h("span", {}, "People like ", h("strong", {}, search.like.label)),
          h(
            "button",
            {
              type: "button",
              id: "search-like-clear",
              onclick: () => {
                search.like = null;
                void run();
                box.focus();
              },
            },
            search.query.trim() ? "Back to the search" : "Clear",
          ),
        )
      : null,
    summary
      ? h("p", { class: "muted small pad search-count", id: "search-count", "aria-live": "polite" }, summary)
      : null,
    results(),
  );
}

let tagsLoaded = false;
/** The screen is shown: the tags are loaded (once) and the box takes the keyboard. */
export function shown() {
  if (!tagsLoaded) {
    tagsLoaded = true;
    void loadTags();
  }
  render();
}

// The job filter follows the jobs; a change of the blind job filtered on searches again.
let blindShown: string | undefined;
subscribe(["jobs"], () => {
  const blind = blindJob()?.id;
  if (search.job && !state.jobs.all.some((j) => j.id === search.job)) search.job = "";
  const changed = blind !== blindShown;
  blindShown = blind;
  if (changed && search.phase.kind !== "idle") void run();
  else render();
});
// The box stays in place while the results below it are drawn again (typing keeps focus).
pane.append(h("div", { class: "pane-head search-head" }, h("h1", {}, "Search"), box), body);
render();
