// Jobs: search, pick, create and edit. What is typed in the editor is kept as a draft in the
// store, so it survives switching tabs; leaving the job with unsaved changes asks first.
import { showView } from "../actions";
import { api, type JobDraft } from "../api";
import { formatDate, h } from "../dom";
import {
  command,
  draftOf,
  dropDraft,
  type EditorKey,
  isDirty,
  keepDraft,
  loadJobs,
  savedJob,
  state,
  subscribe,
  update,
} from "../store";
import { emptyState, fill, focusInView, replacePart, toast } from "../ui";

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
          h("span", { class: "row-sub" }, `${j.company} · ${j.analysis_count} analyses · ${formatDate(j.created_at)}`),
        ),
      ),
    ),
  );
}

function searchField() {
  const search = h("input", {
    id: "job-search",
    type: "search",
    placeholder: "Search company, role or description",
    "aria-label": "Search jobs",
    value: state.jobs.query,
  });
  let timer = 0;
  search.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      state.jobs.query = search.value;
      void loadJobs();
    }, 150);
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
  const form = h(
    "form",
    { class: "editor", "aria-label": isNew ? "New job" : "Edit job" },
    h("h2", {}, isNew ? "New job" : `Edit ${job?.role ?? ""}`),
    job ? h("p", { class: "muted" }, `Job ID ${job.id} · ${job.analysis_count} analyses`) : null,
    h("label", { for: "job-company" }, "Company"),
    company,
    h("label", { for: "job-role" }, "Role"),
    role,
    h("label", { for: "job-description" }, "Job description"),
    description,
    note,
    state.jobs.leaving ? discardConfirm(key) : null,
    h(
      "div",
      { class: "actions" },
      h("button", { class: "primary", type: "submit", id: "job-save" }, isNew ? "Save job" : "Save changes"),
      job && !job.current
        ? h("button", { type: "button", id: "job-make-current", onclick: () => selectJob(job.id) }, "Make current")
        : null,
      isDirty(key)
        ? h("button", { type: "button", id: "job-revert", onclick: () => revert(key) }, "Undo changes")
        : null,
      h("button", { type: "button", id: "job-close", onclick: () => openJob(null) }, "Close"),
    ),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const draft: JobDraft = { company: company.value, role: role.value, description: description.value };
    const saved = await command(
      () => (isNew ? api.createJob(draft) : api.updateJob(key, draft)),
      ["jobs", "shortlist", "stats"],
    );
    if (!saved) return;
    dropDraft(key);
    toast(isNew ? `Saved job ${saved.id}` : "Changes saved");
    update("jobs", { editing: saved.id, leaving: null });
  });
  return form;
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

function render() {
  fill(listPane, h("div", { class: "pane-head" }, h("h1", {}, "Jobs"), searchField()), jobList());
  const key = state.jobs.editing;
  const from = [key, state.jobs.leaving, state.jobs.all, key === null ? undefined : draftOf(key)];
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

subscribe(["jobs"], render);
render();
