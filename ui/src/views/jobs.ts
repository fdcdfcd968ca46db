// Jobs: search, pick, create and edit. What is typed in the editor is kept as a draft in the
// store, so it survives switching tabs; leaving the job with unsaved changes asks first.
import { showView } from "../actions";
import { api, type JobDeletion, type JobDraft } from "../api";
import { formatDate, h } from "../dom";
import {
  command,
  criteriaDirty,
  criteriaDraftOf,
  draftOf,
  dropDraft,
  type EditorKey,
  isDirty,
  keepDraft,
  loadJobs,
  reload,
  savedJob,
  state,
  subscribe,
  update,
} from "../store";
import { count, jobTitle, matches } from "../text";
import { emptyState, fill, focusInView, replacePart, toast } from "../ui";
import { criteriaSection, schedulePreview, shownCriteria } from "./criteria";

const listPane = h("div", { class: "pane list-pane" });
const detailPane = h("div", { class: "pane detail-pane" });
export const root = h("section", { class: "split" }, listPane, detailPane);

/**
 * Opens the editor on `key` (a job's ID, "new") or closes it (null). With unsaved changes in
 * the editor, asks first whether to discard them.
 */
export function openJob(key: EditorKey | null) {
  showView("jobs");
  const editing = state.jobs.editing;
  if (editing !== key && isDirty(editing)) {
    update("jobs", { leaving: { to: key } });
    focusInView("discard-cancel");
    return;
  }
  if (editing !== null && editing !== key) dropDraft(editing);
  if (editing !== key) {
    staleAfterSave = 0;
    deleting = null;
  }
  update("jobs", { editing: key, leaving: null });
  document.getElementById("job-company")?.focus();
}

function discardAndGo() {
  const leaving = state.jobs.leaving;
  if (!leaving) return;
  const editing = state.jobs.editing;
  if (editing !== null) dropDraft(editing);
  update("jobs", { editing: leaving.to, leaving: null });
  document.getElementById("job-company")?.focus();
}

function keepEditing() {
  update("jobs", { leaving: null });
  document.getElementById("job-company")?.focus();
}

function jobList() {
  const jobs = state.jobs.list;
  if (jobs.length === 0) {
    return h(
      "p",
      { id: "job-list", class: "muted pad" },
      state.jobs.query ? `No job matches “${state.jobs.query}”.` : "No jobs yet.",
    );
  }
  const editing = state.jobs.editing;
  return h(
    "ul",
    { id: "job-list", class: "rows", role: "list" },
    ...jobs.map((j) =>
      h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            id: `job-row-${j.id}`,
            class: `row ${editing === j.id ? "selected" : ""}`,
            "data-job-id": j.id,
            onclick: () => openJob(j.id),
          },
          h(
            "span",
            { class: "row-title" },
            j.role,
            j.current ? h("span", { class: "badge" }, "current") : null,
            isDirty(j.id) ? h("span", { class: "badge unsaved" }, "unsaved") : null,
          ),
          h("span", { class: "row-sub" }, `${j.company} · ${analyses(j.analysis_count)} · ${formatDate(j.created_at)}`),
        ),
      ),
    ),
  );
}

let searchTimer = 0;

function searchField() {
  const search = h("input", {
    id: "job-search",
    type: "search",
    placeholder: "Search jobs by words or meaning (“data role in logistics”)",
    "aria-label": "Search jobs",
    value: state.jobs.query,
  });
  search.addEventListener("input", () => {
    // At once: the jobs containing the words; after a pause, the search by meaning too.
    const query = search.value;
    window.clearTimeout(searchTimer);
    update("jobs", { query, list: state.jobs.all.filter((j) => matches(query, j.company, j.role, j.description)) });
    searchTimer = window.setTimeout(() => void loadJobs(), 300);
  });
  return search;
}

/** The question asked when unsaved changes would be lost. */
function discardConfirm(key: EditorKey) {
  const what = key === "new" ? "the new job" : `“${savedJob(key).role}”`;
  return h(
    "div",
    { class: "confirm", role: "alertdialog", "aria-label": "Unsaved changes", id: "discard-confirm" },
    h("p", {}, `Discard your unsaved changes to ${what}?`),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "button", class: "danger", id: "discard-confirm-yes", onclick: discardAndGo },
        "Discard changes",
      ),
      h("button", { type: "button", id: "discard-cancel", onclick: keepEditing }, "Keep editing"),
    ),
  );
}

function jobEditor(key: EditorKey) {
  const isNew = key === "new";
  const job = isNew ? undefined : state.jobs.all.find((j) => j.id === key);
  const shown: JobDraft = draftOf(key) ?? savedJob(key);
  const company = h("input", { id: "job-company", required: true, maxlength: 200, value: shown.company });
  const role = h("input", { id: "job-role", required: true, maxlength: 200, value: shown.role });
  const description = h("textarea", { id: "job-description", rows: 16 });
  description.value = shown.description;
  const note = h("p", { class: "muted small", id: "job-unsaved", "aria-live": "polite" });
  const showNote = () => {
    note.textContent = isDirty(key) ? "Unsaved changes — kept while you look at other tabs." : "";
  };
  showNote();
  let wasDirty = isDirty(key);
  const onEdit = () => {
    keepDraft(key, { company: company.value, role: role.value, description: description.value });
    showNote();
    // The list marks the job "unsaved" (or no longer).
    const list = document.getElementById("job-list");
    if (list && wasDirty !== isDirty(key)) replacePart(list, jobList());
    wasDirty = isDirty(key);
  };
  for (const field of [company, role, description]) field.addEventListener("input", onEdit);
  const ed = { key, description: () => description.value, changed: onEdit };
  description.addEventListener("input", () => schedulePreview(ed));
  const problem = h("p", { class: "error-text", id: "job-problem", role: "alert" });
  const rescore = state.app.rescore;
  const form = h(
    "form",
    { class: "editor", id: "job-form", "aria-label": isNew ? "New job" : "Edit job" },
    h("h2", {}, isNew ? "New job" : `Edit ${job?.role ?? ""}`),
    job ? h("p", { class: "muted" }, `Job ID ${job.id} · ${analyses(job.analysis_count)}`) : null,
    h("label", { for: "job-company" }, "Company"),
    company,
    h("label", { for: "job-role" }, "Role"),
    role,
    h("label", { for: "job-description" }, "Job description"),
    h(
      "p",
      { class: "muted small" },
      "Put must-haves under a “Requirements” heading and the rest under “Nice to have”: the headings drive the score. The preview below shows what the engine reads.",
    ),
    description,
    problem,
    note,
    job && (rescore?.running || staleAfterSave)
      ? h(
          "p",
          { class: "muted small", id: "job-rescore", role: "status" },
          rescore?.running
            ? `This job's analyses are stale and being scored again: ${rescore.done} of ${rescore.total} done.`
            : `${staleAfterSave} ${staleAfterSave === 1 ? "analysis" : "analyses"} made before this edit became stale and are scored again in the background.`,
        )
      : null,
    h("p", { class: "muted small" }, "Ctrl+S saves, Esc closes (asking first if something is unsaved)."),
    criteriaSection(ed),
    state.jobs.leaving ? discardConfirm(key) : null,
    job && deleting?.job_id === job.id ? deleteConfirm(job, deleting) : null,
    // Last in the editor and sticky: Save stays in reach wherever the editor is scrolled.
    h(
      "div",
      { class: "actions editor-actions", id: "job-actions" },
      h("button", { class: "primary", type: "submit", id: "job-save" }, isNew ? "Save job" : "Save changes"),
      job && !job.current
        ? h("button", { type: "button", id: "job-make-current", onclick: () => selectJob(job.id) }, "Make current")
        : null,
      isDirty(key)
        ? h("button", { type: "button", id: "job-revert", onclick: () => revert(key) }, "Undo changes")
        : null,
      h("button", { type: "button", id: "job-close", title: "Esc", onclick: () => openJob(null) }, "Close"),
      h("span", { class: "grow" }),
      job
        ? h("button", { type: "button", id: "job-archive", onclick: () => archive(job.id, job.role) }, "Archive job")
        : null,
      job
        ? h(
            "button",
            { type: "button", class: "danger", id: "job-delete", onclick: () => askDelete(job.id) },
            "Delete job…",
          )
        : null,
    ),
  );
  form.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      ev.stopPropagation();
      openJob(null);
    }
  });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const draft: JobDraft = { company: company.value, role: role.value, description: description.value };
    if (!draft.description.trim()) {
      problem.textContent = "The description is empty: paste the job's full description (the score is made from it).";
      description.focus();
      return;
    }
    problem.textContent = "";
    const criteria = criteriaDraftOf(key) && criteriaDirty(key) ? shownCriteria(key) : null;
    const before = job?.analysis_count ?? 0;
    const textChanged = isNew || draft.description.trim() !== (job?.description ?? "").trim();
    // The background re-score this save starts is worded for it (it may end before the
    // save's answer comes back).
    const rescores = !isNew && before > 0 && (criteria !== null || textChanged);
    if (rescores) {
      state.app.rescoreEdit = {
        role: draft.role.trim() || job?.role || "",
        criteria: criteria !== null,
        text: textChanged,
      };
    }
    const saved = await command(async () => {
      const sameText =
        job !== undefined &&
        draft.company.trim() === job.company &&
        draft.role.trim() === job.role &&
        draft.description.trim() === job.description.trim();
      // Each save says which version of the job it was made on, so an edit made meanwhile
      // elsewhere (another window, the command line) is refused, not overwritten.
      const j = isNew
        ? await api.createJob(draft)
        : sameText && criteria
          ? job
          : await api.updateJob(key, draft, job?.updated_at);
      return criteria ? await api.setJobCriteria(j.id, criteria, j.updated_at) : j;
    }, ["jobs", "shortlist", "stats"]);
    if (!saved) {
      if (rescores) state.app.rescoreEdit = null;
      // Refused or failed: show what is stored now (the edit stays in the editor).
      await reload(["jobs"]);
      return;
    }
    dropDraft(key);
    // What is stale shows in the editor and the shortlist while the background re-score runs.
    staleAfterSave = !isNew && before > 0 && (criteria !== null || textChanged) ? before : 0;
    toast(isNew ? `Saved the job “${saved.role}”` : "Changes saved");
    update("jobs", { editing: saved.id, leaving: null });
  });
  return form;
}

/** "1 analysis", "6 analyses". */
function analyses(n: number): string {
  return `${n} ${n === 1 ? "analysis" : "analyses"}`;
}

/** How many analyses the last save made stale (shown until another job is opened). */
let staleAfterSave = 0;

/** Archives a job: it stays stored (with its analyses) but leaves the lists and the picker. */
async function archive(id: string, role: string) {
  const done = await command(() => api.setJobArchived(id, true), ["jobs", "shortlist", "stats"]);
  if (!done) return;
  dropDraft(id);
  update("jobs", { editing: null, leaving: null });
  toast(`Archived “${role}”: it is kept with its analyses, out of the lists.`);
}

/** The counts of the job whose deletion is being confirmed. */
let deleting: JobDeletion | null = null;

async function askDelete(id: string) {
  const counts = await command(() => api.jobDeletionCounts(id), []);
  if (!counts) return;
  deleting = counts;
  drawnFrom = [];
  render();
  focusInView("job-delete-cancel");
}

function cancelDelete() {
  deleting = null;
  drawnFrom = [];
  render();
  document.getElementById("job-delete")?.focus();
}

/** "14 analyses, 3 feedback records, 5 notes and every candidate's stage". */
function goneWith(c: JobDeletion): string {
  const analyses = `${c.analyses} ${c.analyses === 1 ? "analysis" : "analyses"}`;
  return `${analyses}, ${count(c.feedback, "feedback record")}, ${count(c.notes, "note")} and every candidate's stage and its history`;
}

/** The one confirmation of a deletion, naming what goes with the job. */
function deleteConfirm(job: { id: string; role: string; company: string }, counts: JobDeletion) {
  const what = goneWith(counts);
  return h(
    "div",
    { class: "confirm", role: "alertdialog", "aria-label": "Delete job", id: "job-delete-confirm" },
    h("p", {}, `Delete job “${jobTitle(job)}”: ${what} go with it. Archive keeps them.`),
    h("p", { class: "muted small" }, "The resumes and their tags stay in the library. This cannot be undone."),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "button", class: "danger", id: "job-delete-yes", onclick: () => deleteJob(job.id, job.role) },
        "Delete job",
      ),
      h(
        "button",
        { type: "button", id: "job-delete-archive", onclick: () => archive(job.id, job.role) },
        "Archive instead",
      ),
      h("button", { type: "button", id: "job-delete-cancel", onclick: cancelDelete }, "Cancel"),
    ),
  );
}

async function deleteJob(id: string, role: string) {
  const done = await command(() => api.deleteJob(id), ["jobs", "shortlist", "stats"]);
  deleting = null;
  if (!done) return;
  dropDraft(id);
  update("jobs", { editing: null, leaving: null });
  toast(`Deleted “${role}” with ${goneWith(done)}.`);
}

/** Ctrl+S in the Jobs view: saves the open editor. */
export function saveOpenJob(): boolean {
  const form = document.getElementById("job-form");
  if (!(form instanceof HTMLFormElement)) return false;
  form.requestSubmit();
  return true;
}

function revert(key: EditorKey) {
  dropDraft(key);
  update("jobs", { leaving: null });
}

async function selectJob(id: string) {
  await command(() => api.selectJob(id), ["jobs", "shortlist"]);
}

/** What the editor was last drawn from (search results arriving leave it as it is). */
let drawnFrom: unknown[] = [];

/** The search box is made once: typing redraws the list under it, never the box itself. */
const listHead = h("div", { class: "pane-head" }, h("h1", {}, "Jobs"), searchField());

function render() {
  const list = listPane.querySelector("#job-list");
  if (list) replacePart(list, jobList());
  else fill(listPane, listHead, jobList());
  const key = state.jobs.editing;
  const from = [
    key,
    state.jobs.leaving,
    state.jobs.all,
    key === null ? undefined : draftOf(key),
    state.app.rescore?.running,
  ];
  if (from.every((v, i) => v === drawnFrom[i])) return;
  drawnFrom = from;
  const editing = key !== null && (key === "new" || state.jobs.all.some((j) => j.id === key));
  fill(
    detailPane,
    editing
      ? jobEditor(key)
      : emptyState(
          state.jobs.all.length ? "Pick a job to edit" : "No jobs yet",
          state.jobs.all.length
            ? "Select a job on the left, or create a new one."
            : "Save the job you are hiring for: company, role and the full description.",
          h("button", { class: "primary", type: "button", onclick: () => openJob("new") }, "New job"),
        ),
  );
}

subscribe(["jobs", "app"], render);
render();
