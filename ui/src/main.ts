// Boot, tabs, keys and drops. Each view (./views) draws its own part from the store's slices;
// this file mounts the view of the selected tab and wires the window-wide controls.
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { showView } from "./actions";
import { api, type RescoreProgress } from "./api";
import { h } from "./dom";
import {
  loadAll,
  loadStats,
  notify,
  reload,
  state,
  subscribe,
  type View,
  wantResumes,
  watchChangesElsewhere,
} from "./store";
import { count, jobTitle } from "./text";
import { attempt, toast } from "./ui";
import { importPaths, pickAndImport, pickFoldersAndImport } from "./views/import";
import * as jobs from "./views/jobs";
import { isStale, rescoreCounts, rescoreReason, rescoreReasonNow } from "./views/parts";
import * as resumes from "./views/resumes";
import * as search from "./views/search";
import * as shortlist from "./views/shortlist";
import * as storage from "./views/storage";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const viewEl = $("view");
const jobSelect = $<HTMLSelectElement>("job-select");

const roots: Record<View, HTMLElement> = {
  shortlist: shortlist.root,
  jobs: jobs.root,
  resumes: resumes.root,
  search: search.root,
  storage: storage.root,
};

/** The scroll positions of a view's panes while it is not shown (a detached element forgets them). */
const scrolls = new Map<View, number[]>();
let mounted: View | null = null;

function panes(root: HTMLElement): HTMLElement[] {
  return root.matches(".storage") ? [root] : [...root.querySelectorAll<HTMLElement>(":scope > .pane")];
}

/** Shows the view the store names: the one shown is kept (with its panes' scroll) for later. */
function mount() {
  const view = state.app.view;
  if (view === mounted) return;
  if (mounted) {
    scrolls.set(
      mounted,
      panes(roots[mounted]).map((p) => p.scrollTop),
    );
  }
  viewEl.replaceChildren(roots[view]);
  panes(roots[view]).forEach((p, i) => {
    p.scrollTop = scrolls.get(view)?.[i] ?? 0;
  });
  mounted = view;
  for (const tab of document.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
    const selected = tab.dataset.view === view;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  if (view === "storage") void loadStats();
  if (view === "resumes") void wantResumes();
  if (view === "search") search.shown();
}

subscribe(["app"], mount);

// ---------- header ----------

function renderJobSelect() {
  const all = state.jobs.all;
  jobSelect.replaceChildren(
    ...(all.length === 0
      ? [h("option", { value: "" }, "No jobs yet")]
      : all.map((j) => h("option", { value: j.id, selected: j.current }, jobTitle(j)))),
  );
  jobSelect.disabled = all.length === 0;
}

subscribe(["jobs"], renderJobSelect);

jobSelect.addEventListener("change", async () => {
  const id = jobSelect.value;
  if (!id) return;
  const job = await attempt(() => api.selectJob(id));
  if (job) {
    toast(`Current job: ${jobTitle(job)}`);
    await reload(["jobs", "shortlist", "stats"]);
  }
});

// ---------- tabs, keys, drops ----------

for (const tab of document.querySelectorAll<HTMLButtonElement>("[role=tab]")) {
  tab.addEventListener("click", () => showView(tab.dataset.view as View));
  tab.addEventListener("keydown", (ev) => {
    const tabs = [...document.querySelectorAll<HTMLButtonElement>("[role=tab]")];
    const i = tabs.indexOf(tab);
    const next =
      ev.key === "ArrowRight"
        ? tabs[(i + 1) % tabs.length]
        : ev.key === "ArrowLeft"
          ? tabs[(i + tabs.length - 1) % tabs.length]
          : null;
    if (next) {
      next.focus();
      showView(next.dataset.view as View);
    }
  });
}

$("new-job").addEventListener("click", () => jobs.openJob("new"));
$("add-resumes").addEventListener("click", pickAndImport);
$("add-folder").addEventListener("click", pickFoldersAndImport);
$("show-shortcuts").addEventListener("click", () => toggleShortcuts());

/** Each screen's own filter, focused by Ctrl+F. */
const FILTERS: Record<View, string> = {
  shortlist: "shortlist-filter",
  jobs: "job-search",
  resumes: "library-search",
  search: "search-box",
  storage: "",
};

const SHORTCUTS: [string, string][] = [
  ["Ctrl+N", "New job"],
  ["Ctrl+O", "Add resumes"],
  ["Ctrl+F", "Focus this screen's filter"],
  ["Ctrl+K", "Search the whole library"],
  ["Ctrl+S", "Save the job in the editor"],
  ["Esc", "Close the editor (asks if unsaved); clear the selection"],
  ["j / k", "Next / previous candidate (or search result; Enter opens it)"],
  ["Shift+J / Shift+K", "Extend the selection down / up"],
  ["Click, Shift+click, Ctrl+click", "Open one, select a range, add to the selection"],
  ["Ctrl+A", "Select every candidate shown"],
  ["1 – 6", "Move the selected to New, Shortlisted, Interview, Offer, Hired or Rejected (Rejected asks for a reason)"],
  ["?", "This list"],
];

function toggleShortcuts() {
  const open = document.getElementById("shortcuts");
  if (open) {
    open.remove();
    return;
  }
  const close = h("button", { type: "button", id: "shortcuts-close", onclick: () => toggleShortcuts() }, "Close");
  document.body.append(
    h(
      "div",
      { class: "shortcuts", id: "shortcuts", role: "dialog", "aria-label": "Keyboard shortcuts" },
      h("h2", {}, "Keyboard shortcuts"),
      h("dl", {}, ...SHORTCUTS.flatMap(([k, what]) => [h("dt", {}, h("kbd", {}, k)), h("dd", {}, what)])),
      close,
    ),
  );
  close.focus();
}

document.addEventListener("keydown", (ev) => {
  const target = ev.target as HTMLElement | null;
  const typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  if (!typing && ev.key === "?") {
    ev.preventDefault();
    toggleShortcuts();
    return;
  }
  if (ev.key === "Escape" && document.getElementById("shortcuts")) {
    toggleShortcuts();
    return;
  }
  if (
    !typing &&
    !ev.ctrlKey &&
    !ev.metaKey &&
    !ev.altKey &&
    state.app.view === "shortlist" &&
    (ev.key === "j" || ev.key === "k")
  ) {
    ev.preventDefault();
    shortlist.move(ev.key === "j" ? 1 : -1);
    return;
  }
  if (!typing && state.app.view === "shortlist" && shortlist.handleKey(ev)) {
    ev.preventDefault();
    return;
  }
  if (!typing && state.app.view === "search" && search.handleKey(ev)) {
    ev.preventDefault();
    return;
  }
  if (!typing && state.app.view === "resumes" && resumes.handleKey(ev)) {
    ev.preventDefault();
    return;
  }
  if (!(ev.ctrlKey || ev.metaKey)) return;
  const key = ev.key.toLowerCase();
  if (key === "s" && state.app.view === "jobs") {
    ev.preventDefault();
    jobs.saveOpenJob();
    return;
  }
  if (key === "n") {
    ev.preventDefault();
    jobs.openJob("new");
  } else if (key === "k") {
    ev.preventDefault();
    search.focusBox();
  } else if (key === "o") {
    ev.preventDefault();
    void pickAndImport();
  } else if (key === "f") {
    const filter = document.getElementById(FILTERS[state.app.view]);
    if (filter) {
      ev.preventDefault();
      filter.focus();
    }
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

// ---------- the background rescore ----------

let rescoreRefreshed = 0;

/** A new progress report of the background rescore: its panel, and the list now and then and at the end. */
async function onRescoreProgress(p: RescoreProgress) {
  const was = state.app.rescore;
  state.app.rescore = p;
  // Why it runs is read when it starts, while the rows are still stale.
  if (p.running && !was?.running) state.app.rescoreWhy = rescoreReasonNow(p.cause);
  const panel = document.getElementById("rescore-panel");
  if (panel && p.running && was?.running) {
    const counts = document.getElementById("rescore-counts");
    if (counts) counts.textContent = rescoreCounts(p);
    panel.querySelector("progress")?.setAttribute("value", String(p.done));
  } else {
    notify("app");
  }
  const now = performance.now();
  if (p.running && now - rescoreRefreshed < 3000) return;
  rescoreRefreshed = now;
  const open = state.analysis.detail;
  await reload(open && isStale(open.engine_version) ? ["shortlist", "analysis", "resumes"] : ["shortlist", "resumes"]);
  if (!p.running) {
    const left = p.total - p.done;
    if (p.done > 0)
      toast(
        `${count(p.done, "score")} brought up to date ${rescoreReason()}${left ? `; ${left} left for the next start` : ""}`,
      );
    state.app.rescoreEdit = null;
    state.app.rescoreWhy = "";
  }
}

// ---------- boot ----------

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
  mount();
  void api
    .startupNotice()
    .then((notice) => notice && toast(notice))
    .catch(() => undefined);
  // Listening before the first paint is reported: the shell starts the rescore then.
  const listening = api.onRescore((p) => void onRescoreProgress(p)).catch(() => undefined);
  // The data folder's version is read before the first load, so a change made elsewhere
  // after it is noticed.
  void Promise.all([watchChangesElsewhere().then(loadAll), listening]).then(() => {
    const loaded = performance.now();
    requestAnimationFrame(
      () =>
        void api
          .uiReady(Math.round(performance.timeOrigin), Math.round(scriptStart), Math.round(loaded))
          .catch(() => undefined),
    );
    // A page reloaded while the rescore runs picks up where it stands.
    void api
      .rescoreStatus()
      .then((p) => (p?.running ? onRescoreProgress(p) : undefined))
      .catch(() => undefined);
  });
});
