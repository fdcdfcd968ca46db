// Working the shortlist of the current job: each candidate's stage, tags and notes, the blind
// switch, multi-select with its bulk actions, and what the open candidate's panel shows of
// them. Every change goes through the shell and the store loads again what it changed.
import { scoreResume, showView } from "../actions";
import { type Analysis, api, type Board, type BoardEntry, type ShortlistRow, type Stage } from "../api";
import { h } from "../dom";
import { command, currentJob, openResume, state, update } from "../store";
import { count, GATE_TEXT, STAGE_TEXT, STAGES } from "../text";
import { attempt, focusInView, toast } from "../ui";

/** Each board's entries by resume, built once per board (a shortlist of 10,000 asks for
 * entries many times per row while it renders and sorts). */
const entriesOf = new WeakMap<Board, Map<string, BoardEntry>>();

/** The pipeline entry of a resume for the current job. */
export function entryOf(resumeId: string): BoardEntry | undefined {
  const board = state.shortlist.board;
  if (!board) return undefined;
  let byResume = entriesOf.get(board);
  if (!byResume) {
    byResume = new Map(board.entries.map((e) => [e.resume_id, e]));
    entriesOf.set(board, byResume);
  }
  return byResume.get(resumeId);
}

export function isBlind(): boolean {
  return state.shortlist.board?.blind ?? currentJob()?.blind ?? false;
}

/** The rows a bulk action works on: those picked, else the open one. */
export function targets(): ShortlistRow[] {
  const s = state.shortlist;
  const ids = s.picked.size ? s.picked : new Set(s.selected ? [s.selected] : []);
  return s.ranked.filter((r) => ids.has(r.analysis_id));
}

/** A move to Rejected waiting for its reason. */
let rejecting: string[] | null = null;

/** Moves `resumeIds` of the current job to `stage` (Rejected asks for a reason first). */
export async function moveTo(stage: Stage, resumeIds: string[], reason: string | null = null) {
  const job = currentJob();
  if (!job || resumeIds.length === 0) return;
  if (stage === "rejected" && reason === null) {
    rejecting = resumeIds;
    update("shortlist", {});
    focusInView("reject-reason");
    return;
  }
  const n = await command(() => api.setStage(job.id, resumeIds, stage, reason || null), ["shortlist"]);
  if (n !== undefined) toast(`${who(resumeIds)} moved to ${STAGE_TEXT[stage]}`);
}

/** One candidate by the name the list shows (their number while blind), else a count. */
function who(resumeIds: string[]): string {
  const one = resumeIds.length === 1 ? state.shortlist.ranked.find((r) => r.resume_id === resumeIds[0]) : undefined;
  return one ? one.name : count(resumeIds.length, "candidate");
}

/** The reason asked before a move to Rejected (Enter moves, Esc cancels). */
export function rejectPrompt(): HTMLElement | null {
  if (!rejecting) return null;
  const ids = rejecting;
  const input = h("textarea", {
    id: "reject-reason",
    class: "reason-field",
    rows: 3,
    placeholder: "Reason (optional), e.g. no work permit",
    "aria-label": "Reason for rejecting",
    maxlength: 500,
  });
  const done = (go: boolean) => {
    rejecting = null;
    if (go) void moveTo("rejected", ids, input.value.trim());
    else update("shortlist", {});
  };
  input.addEventListener("keydown", (ev) => {
    // Enter rejects; Shift+Enter starts a new line of the reason.
    if (ev.key === "Enter" && !ev.shiftKey) {
      ev.preventDefault();
      done(true);
    } else if (ev.key === "Escape") {
      ev.preventDefault();
      done(false);
    }
  });
  return h(
    "div",
    { class: "confirm", role: "dialog", id: "reject-prompt", "aria-label": "Reject" },
    h("p", {}, `Reject ${who(ids)}?`),
    h("label", { for: "reject-reason" }, "Reason (optional; Enter rejects, Shift+Enter starts a new line)"),
    input,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "danger", id: "reject-yes", onclick: () => done(true) }, "Reject"),
      h("button", { type: "button", id: "reject-cancel", onclick: () => done(false) }, "Cancel"),
    ),
  );
}

/** Erasure of the picked candidates waiting for its one confirmation. */
let erasing: string[] | null = null;

/** What waits for an answer (the list is drawn again when it changes). */
export function pending(): string {
  return `${rejecting?.join(",") ?? ""}|${erasing?.join(",") ?? ""}`;
}

async function eraseAll(ids: string[]) {
  erasing = null;
  let done = 0;
  for (const id of ids) {
    if (await attempt(() => api.eraseResume(id))) done += 1;
  }
  state.shortlist.picked = new Set();
  await command(async () => true, ["shortlist", "analysis", "resumes", "stats", "jobs"]);
  toast(`${count(done, "resume")} erased with their analyses, notes, tags and stages`);
}

/** Writes the shortlist CSV of the picked candidates only (names left out while blind). */
async function exportPicked(ids: string[]) {
  const job = currentJob();
  if (!job) return;
  const path = await attempt(() => api.exportShortlistSelection(job.id, ids));
  if (path) toast(`${count(ids.length, "candidate")} exported${isBlind() ? " without names or contact details" : ""}`);
}

/** The stage last chosen in the bulk bar's menu: it stays chosen after a move (the bar is
 * drawn again with the new board). */
let bulkStage: Stage = "new";

/** The bar of bulk actions over the picked rows. */
export function bulkBar(): HTMLElement | null {
  const s = state.shortlist;
  if (s.picked.size === 0) return null;
  const rows = targets();
  const ids = rows.map((r) => r.resume_id);
  const stage = h(
    "select",
    {
      id: "bulk-stage",
      "aria-label": "Move the selected to",
      onchange: (ev: Event) => {
        bulkStage = (ev.target as HTMLSelectElement).value as Stage;
      },
    },
    ...STAGES.map(([st]) => h("option", { value: st }, STAGE_TEXT[st])),
  );
  stage.value = bulkStage;
  const tag = h("input", { id: "bulk-tag", placeholder: "Tag", "aria-label": "Tag the selected", maxlength: 40 });
  const addTag = async () => {
    const t = tag.value.trim();
    if (!t) return;
    const n = await command(() => api.addTag(ids, t), ["shortlist", "resumes"]);
    if (n !== undefined) toast(`Tagged ${count(ids.length, "candidate")} “${t}”`);
  };
  tag.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      void addTag();
    }
  });
  const job = currentJob();
  const analyse = async () => {
    if (!job) return;
    for (const r of rows) await scoreResume(job.id, r.resume_id, r.analysis_id);
  };
  return h(
    "div",
    { class: "bulk-bar", id: "bulk-bar", role: "toolbar", "aria-label": "Bulk actions" },
    h("strong", { id: "bulk-count" }, `${rows.length} selected`),
    stage,
    h(
      "button",
      {
        type: "button",
        id: "bulk-stage-apply",
        onclick: () => {
          bulkStage = stage.value as Stage;
          void moveTo(bulkStage, ids);
        },
      },
      "Move",
    ),
    tag,
    h("button", { type: "button", id: "bulk-tag-apply", onclick: addTag }, "Add tag"),
    h("button", { type: "button", id: "bulk-analyse", onclick: analyse }, "Analyse again"),
    h("button", { type: "button", id: "bulk-export", onclick: () => exportPicked(ids) }, "Export CSV…"),
    h(
      "button",
      {
        type: "button",
        class: "danger",
        id: "bulk-erase",
        onclick: () => {
          erasing = ids;
          update("shortlist", {});
          focusInView("bulk-erase-cancel");
        },
      },
      "Erase…",
    ),
    h(
      "button",
      { type: "button", id: "bulk-clear", onclick: () => update("shortlist", { picked: new Set() }) },
      "Clear selection",
    ),
    erasing
      ? h(
          "div",
          { class: "confirm", role: "alertdialog", id: "bulk-erase-confirm" },
          h(
            "p",
            {},
            `Erase ${count(erasing.length, "resume")} from this computer, with their analyses, notes, tags and stages in every job? This cannot be undone.`,
          ),
          h(
            "div",
            { class: "actions" },
            h(
              "button",
              { type: "button", class: "danger", id: "bulk-erase-yes", onclick: () => eraseAll(erasing ?? []) },
              `Erase ${count(erasing.length, "resume")}`,
            ),
            h(
              "button",
              {
                type: "button",
                id: "bulk-erase-cancel",
                onclick: () => {
                  erasing = null;
                  update("shortlist", {});
                },
              },
              "Cancel",
            ),
          ),
        )
      : null,
  );
}

/** The stage, gate, tag and note marks on a shortlist row. */
export function rowMarks(r: ShortlistRow) {
  const e = entryOf(r.resume_id);
  return [
    e && e.stage !== "new"
      ? h("span", { class: `stage-badge ${e.stage}`, title: e.reason ?? "" }, STAGE_TEXT[e.stage])
      : null,
    r.gates !== "no_gates"
      ? h(
          "span",
          { class: `gate-badge ${r.gates}`, title: "Open the candidate to see each gate and the line that decided it" },
          GATE_TEXT[r.gates],
        )
      : null,
    ...(e?.tags ?? []).map((t) => h("span", { class: "chip tag" }, t)),
    e?.notes ? h("span", { class: "muted small" }, `✎ ${e.notes}`) : null,
  ];
}

async function reveal(a: Analysis) {
  const p = await command(() => api.revealCandidate(a.job_id, a.resume_id), ["shortlist", "analysis"]);
  if (p) toast("Revealed: the reveal is recorded in the candidate's history");
}

/** The open candidate's place in the pipeline: stage with history, gates, tags, notes, actions. */
export function workflowPanel(a: Analysis): HTMLElement {
  const e = entryOf(a.resume_id);
  const blindHidden = isBlind() && !e?.revealed;
  const stage = h(
    "select",
    { id: "candidate-stage", "aria-label": "Stage" },
    ...STAGES.map(([st, key]) =>
      h("option", { value: st, selected: (e?.stage ?? "new") === st }, `${key} · ${STAGE_TEXT[st]}`),
    ),
  );
  stage.addEventListener("change", async () => {
    await moveTo(stage.value as Stage, [a.resume_id]);
    // A move that failed leaves the menu on the stage the candidate is at (a move that
    // worked draws the panel again; a cancelled rejection too, see `pending`).
    if (!rejecting && stage.isConnected) stage.value = entryOf(a.resume_id)?.stage ?? "new";
  });
  const tag = h("input", { id: "candidate-tag", placeholder: "Add a tag", "aria-label": "Add a tag", maxlength: 40 });
  tag.addEventListener("keydown", async (ev) => {
    if (ev.key !== "Enter" || !tag.value.trim()) return;
    ev.preventDefault();
    await command(() => api.addTag([a.resume_id], tag.value.trim()), ["shortlist", "resumes"]);
  });
  const note = h("textarea", { id: "candidate-note", rows: 2, placeholder: "Add a note", "aria-label": "Add a note" });
  const addNote = async () => {
    if (!note.value.trim()) return;
    const n = await command(() => api.addNote(a.job_id, a.resume_id, note.value.trim()), ["shortlist", "analysis"]);
    if (n) toast("Note added");
  };
  return h(
    "section",
    { class: "workflow", id: "workflow-panel", "aria-label": "Pipeline, gates, tags and notes" },
    h(
      "div",
      { class: "inline" },
      h("label", { for: "candidate-stage" }, "Stage"),
      stage,
      e?.reason ? h("span", { class: "muted small", id: "stage-reason" }, `Reason: ${e.reason}`) : null,
      h("span", { class: "grow" }),
      blindHidden
        ? h("button", { type: "button", id: "reveal", onclick: () => reveal(a) }, "Reveal this candidate")
        : h(
            "button",
            {
              type: "button",
              id: "open-resume",
              onclick: () => {
                showView("resumes");
                void openResume(a.resume_id);
              },
            },
            "Open resume",
          ),
      blindHidden
        ? null
        : h(
            "button",
            {
              type: "button",
              id: "open-external",
              title: "Open the PDF in the system's viewer",
              onclick: () => attempt(() => api.openResumeExternally(a.resume_id)),
            },
            "Open in system viewer",
          ),
      h(
        "button",
        {
          type: "button",
          id: "print-summary",
          title: "A one-page summary through the print dialog",
          onclick: () => window.print(),
        },
        "Print summary",
      ),
    ),
    a.gates.length
      ? h(
          "ul",
          { class: "gates", id: "gate-results" },
          ...a.gates.map((g) =>
            h(
              "li",
              { class: `gate ${g.status}`, "data-status": g.status },
              h("span", { class: `gate-badge ${g.status}` }, g.status),
              h("span", {}, g.reason),
              g.line && !blindHidden ? h("q", { class: "muted small" }, g.line) : null,
            ),
          ),
        )
      : null,
    h(
      "div",
      { class: "chips", id: "candidate-tags" },
      ...(e?.tags ?? []).map((t) =>
        h(
          "span",
          { class: "chip tag" },
          t,
          h(
            "button",
            {
              type: "button",
              class: "chip-x",
              "aria-label": `Remove tag ${t}`,
              onclick: () => command(() => api.removeTag(a.resume_id, t), ["shortlist", "resumes"]),
            },
            "×",
          ),
        ),
      ),
      tag,
    ),
    h(
      "ul",
      { class: "notes", id: "candidate-notes" },
      ...state.shortlist.notes.map((n) =>
        h("li", {}, h("span", { class: "muted small" }, new Date(n.at).toLocaleString()), " ", n.text),
      ),
    ),
    h(
      "div",
      { class: "inline" },
      note,
      h("button", { type: "button", id: "candidate-note-add", onclick: addNote }, "Add note"),
    ),
  );
}
