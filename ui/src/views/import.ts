// Adding resumes: from the native picker or dropped on the window. The progress panel (in the
// Resumes view) draws itself again at most ten times a second.
import { showView } from "../actions";
import { api } from "../api";
import { baseName, h } from "../dom";
import { currentJob, reload, state, update } from "../store";
import { FILE_STATUS_TEXT } from "../text";
import { attempt, replacePart, toast } from "../ui";

export function importPanel() {
  const s = state.resumes.import;
  if (!s) return null;
  const blind = currentJob()?.blind ?? false;
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
        ? h(
            "button",
            { type: "button", id: "import-cancel", onclick: () => attempt(() => api.cancelImport()) },
            "Cancel",
          )
        : h(
            "button",
            { type: "button", id: "import-dismiss", onclick: () => update("resumes", { import: null }) },
            "Dismiss",
          ),
    ),
    h("progress", { max: 100, value: pct, "aria-label": "Import progress" }),
    h(
      "ul",
      { class: "import-results", id: "import-results" },
      ...s.results.map((r, i) =>
        h(
          "li",
          { class: `result ${r.status}`, "data-status": r.status },
          h("span", { class: "status" }, FILE_STATUS_TEXT[r.status]),
          // While the current job is blind, file names (often the candidate's name) are not shown.
          blind
            ? h("span", { class: "file" }, `File ${i + 1}${extension(r.path)}`)
            : h("span", { class: "file", title: r.path }, baseName(r.path)),
          r.status === "failed" ? h("span", { class: "reason" }, r.reason) : null,
        ),
      ),
    ),
  );
}

/** ".pdf" or ".docx" of a path (what kind of file it was, without its name). */
function extension(path: string): string {
  const m = /\.[A-Za-z0-9]{1,5}$/.exec(baseName(path));
  return m ? m[0].toLowerCase() : "";
}

function repaintPanel() {
  const old = document.getElementById("import-panel");
  const next = importPanel();
  if (old && next) replacePart(old, next);
  // The per-file list follows the progress: its newest line stays in view.
  const list = document.getElementById("import-results");
  if (list) list.scrollTop = list.scrollHeight;
}

export async function importPaths(paths: string[]) {
  if (paths.length === 0) return;
  if (state.resumes.import?.running) {
    toast("An import is already running; wait for it to finish or cancel it.", "error");
    return;
  }
  update("resumes", { import: { running: true, done: 0, total: 0, results: [], summary: null } });
  showView("resumes");
  let lastPaint = 0;
  const summary = await attempt(() =>
    api.importPaths(paths, (ev) => {
      const s = state.resumes.import;
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
      if (now - lastPaint > 100) {
        lastPaint = now;
        repaintPanel();
      }
    }),
  );
  // Files before a failure may have been added: what they change is loaded again either way.
  await reload(["resumes", "stats", "jobs", "shortlist"]);
  const s = state.resumes.import;
  if (s) update("resumes", { import: { ...s, running: false, summary: summary ?? null } });
}

export async function pickAndImport() {
  const paths = await attempt(() => api.pickResumes());
  if (paths?.length) await importPaths(paths);
}

/** "Add folder…": every PDF or Word file inside the folders picked (and their subfolders). */
export async function pickFoldersAndImport() {
  const paths = await attempt(() => api.pickResumeFolders());
  if (paths?.length) await importPaths(paths);
}
