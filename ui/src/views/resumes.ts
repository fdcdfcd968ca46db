// The resume library (left) and one resume (right): its text, a rendered page, its best
// score, scoring it against the current job, erasing it. Opening a resume leaves the table as
// it is (scroll, focus); a page arriving redraws only the preview.
import { scoreResume, showView } from "../actions";
import { api, type LibraryRow, type ResumeDetail, type SameBy, type SamePerson } from "../api";
import { formatBytes, formatDate, h } from "../dom";
import { currentJob, openResume, reload, selectAnalysis, showPage, state, subscribe, update } from "../store";
import { count, WARNING_TEXT } from "../text";
import { attempt, emptyState, fill, focusInView, replacePart, toast } from "../ui";
import { importPanel, pickAndImport, pickFoldersAndImport } from "./import";
import {
  clickLibraryRow,
  library,
  libraryBulkBar,
  libraryControls,
  libraryKey,
  loadLibraryTags,
  visibleResumes,
} from "./library";
import { bandText, CHUNK, growOnScroll, jobLabel, scoreClass } from "./parts";

const listPane = h("div", { class: "pane list-pane wide" });
const detailPane = h("div", { class: "pane detail-pane" });
export const root = h("section", { class: "split library" }, listPane);

function resumeRow(r: LibraryRow) {
  const open = () => void openResume(r.id);
  return h(
    "tr",
    {
      tabindex: 0,
      id: `resume-row-${r.id}`,
      "data-resume-id": r.id,
      class: `${state.resumes.selected?.resume.id === r.id ? "selected" : ""} ${library.picked.has(r.id) ? "picked" : ""}`,
      "aria-selected": library.picked.has(r.id) ? "true" : "false",
      onclick: (ev: Event) => {
        if (!clickLibraryRow(r.id, ev as MouseEvent, visibleResumes(state.resumes.list))) open();
      },
      onkeydown: (ev: Event) => {
        if ((ev as KeyboardEvent).key === "Enter") open();
      },
    },
    h(
      "td",
      { class: "name-cell" },
      r.contact.name ?? h("span", { class: "muted" }, "—"),
      ...(library.tags.get(r.id) ?? []).map((t) => h("span", { class: "chip tag" }, t)),
      // A group of files possibly of one person.
      r.same_person.length
        ? h(
            "span",
            {
              class: "badge same-person-badge",
              title: `Possibly the same person as ${r.same_person.map(libraryName).join(", ")}`,
              "aria-label": `possibly the same person as ${count(r.same_person.length, "other file")}`,
            },
            `${r.same_person.length + 1} files`,
          )
        : null,
    ),
    h(
      "td",
      { class: "file-cell", title: r.file_names.join(", ") },
      r.file_names[0] ?? r.id,
      r.file_names.length > 1 ? h("span", { class: "muted" }, ` +${r.file_names.length - 1}`) : null,
    ),
    h("td", {}, r.format === "docx" ? "Word" : r.pages),
    h("td", {}, formatDate(r.first_seen)),
    h(
      "td",
      { class: "best-cell" },
      r.best
        ? h(
            "span",
            {
              class: `score ${scoreClass(r.best.score)}`,
              title: `${bandText(r.best.score)}, for ${jobLabel(r.best.job_id)}`,
              "aria-label": `best score ${r.best.score}, ${bandText(r.best.score)}, for ${jobLabel(r.best.job_id)}`,
            },
            String(r.best.score),
          )
        : h("span", { class: "muted" }, "—"),
    ),
    h(
      "td",
      {},
      r.warnings.length
        ? h("span", { class: "warn", title: "Check the extracted text", "aria-label": "Check the extracted text" }, "⚠")
        : "",
    ),
  );
}

/** Rows of the library in the DOM; more are appended as the table scrolls. */
let shown = 0;

/** The library's rows, rendered in chunks as the list scrolls (thousands stay fast). */
function resumeRows() {
  const all = visibleResumes(state.resumes.list);
  const selected = all.findIndex((r) => r.id === state.resumes.selected?.resume.id);
  shown = Math.min(all.length, Math.max(CHUNK * 2, shown, selected + CHUNK));
  const body = h("tbody", {}, ...all.slice(0, shown).map(resumeRow));
  if (shown < all.length) {
    const sentinel = h(
      "tr",
      { class: "more", "aria-hidden": "true" },
      h("td", { colspan: 6, class: "muted" }, `${all.length - shown} more…`),
    );
    body.append(sentinel);
    growOnScroll(
      sentinel,
      () => {
        const from = shown;
        shown = Math.min(all.length, from + CHUNK * 2);
        sentinel.before(...all.slice(from, shown).map(resumeRow));
        return all.length - shown;
      },
      (left) => {
        if (sentinel.firstElementChild) sentinel.firstElementChild.textContent = `${left} more…`;
      },
    );
  }
  return body;
}

function renderList() {
  const resumes = state.resumes.list;
  const head = h(
    "div",
    { class: "pane-head" },
    h("h1", {}, "Resumes"),
    h("span", { class: "muted", id: "resume-count" }, `${resumes.length} in the library`),
  );
  fill(
    listPane,
    head,
    importPanel(),
    resumes.length ? libraryControls(redrawTable) : null,
    libraryBulkBar(),
    h("div", { id: "library-body" }, libraryBody()),
  );
}

/** The table, or what stands in its place (empty, importing, nothing matches). */
function libraryBody(): HTMLElement {
  const resumes = state.resumes.list;
  const shownRows = visibleResumes(resumes);
  const importing = state.resumes.import?.running ?? false;
  const list =
    resumes.length === 0
      ? importing
        ? h(
            "p",
            { class: "muted pad", id: "library-importing" },
            "Adding resumes: they appear here as the import goes on.",
          )
        : emptyState(
            "Your library is empty",
            "Drag resume PDFs or whole folders onto this window, or pick them from disk. Each file is stored once, even if you add it again.",
            h("button", { class: "primary", type: "button", onclick: pickAndImport }, "Add resumes…"),
            h("button", { type: "button", onclick: pickFoldersAndImport }, "Add folder…"),
          )
      : shownRows.length === 0
        ? h("p", { class: "muted pad", id: "resume-table" }, "No resume matches the search or tag.")
        : h(
            "table",
            { class: "table", id: "resume-table" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", {}, "Candidate"),
                h("th", {}, "File"),
                h("th", {}, "Pages"),
                h("th", {}, "Added"),
                h("th", {}, "Best score"),
                h("th", {}, h("span", { class: "visually-hidden" }, "Notes")),
              ),
            ),
            resumeRows(),
          );
  return list;
}

/** The search, sort or tag changed: the table is drawn again from its top. */
function redrawTable() {
  shown = 0;
  document.getElementById("library-body")?.replaceChildren(libraryBody());
  // The filter may have dropped picked rows: the bulk bar counts what is left.
  const bar = document.getElementById("library-bulk-bar");
  const next = libraryBulkBar();
  if (bar && next) bar.replaceWith(next);
  else if (bar) bar.remove();
  else if (next) document.getElementById("library-body")?.before(next);
}

/** The library's keys (Ctrl+A, Esc), from main.ts. */
export function handleKey(ev: KeyboardEvent): boolean {
  return libraryKey(ev, () => visibleResumes(state.resumes.list));
}

function pagePreview(id: string, pages: number) {
  const p = state.resumes.preview?.id === id ? state.resumes.preview : null;
  const img = p
    ? h("img", {
        id: "page-preview",
        src: p.data_url,
        alt: `Page ${p.page + 1} of ${p.pages}`,
        "data-zoom": String(p.zoom),
      })
    : h("p", { class: "muted", id: "page-loading" }, "Rendering the first page…");
  // Through the CSSOM: the window's CSP refuses style attributes.
  if (p) img.style.width = `${Math.round(p.zoom * 100)}%`;
  const zoom = state.resumes.zoom;
  const section = h(
    "section",
    {
      class: "page-preview",
      id: "page-section",
      "aria-label": "Page preview (+ and - zoom, 0 fits the width)",
      tabindex: 0,
    },
    h(
      "div",
      { class: "preview-head" },
      h("h3", {}, p ? `Page ${p.page + 1} of ${p.pages}` : "Page"),
      h("span", { class: "spacer" }),
      h(
        "button",
        {
          type: "button",
          id: "page-prev",
          disabled: !p || p.page === 0,
          "aria-label": "Previous page",
          onclick: () => p && showPage(id, p.page - 1),
        },
        "‹",
      ),
      h(
        "button",
        {
          type: "button",
          id: "page-next",
          disabled: !p || p.page + 1 >= pages,
          "aria-label": "Next page",
          onclick: () => p && showPage(id, p.page + 1),
        },
        "›",
      ),
    ),
    h(
      "div",
      { class: "zoom-controls", role: "group", "aria-label": "Zoom" },
      h(
        "button",
        {
          type: "button",
          id: "page-zoom-out",
          title: "Zoom out (-)",
          disabled: zoom <= ZOOMS[0],
          onclick: () => zoomBy(id, p, -1),
        },
        "− Zoom out",
      ),
      h(
        "button",
        {
          type: "button",
          id: "page-zoom-fit",
          title: "Fit width (0)",
          disabled: zoom === 1,
          onclick: () => setZoom(id, p, 1),
        },
        "Fit width",
      ),
      h(
        "button",
        {
          type: "button",
          id: "page-zoom-in",
          title: "Zoom in (+)",
          disabled: zoom >= ZOOMS[ZOOMS.length - 1],
          onclick: () => zoomBy(id, p, 1),
        },
        "+ Zoom in",
      ),
      h("span", { class: "muted small", id: "page-zoom-level" }, `${Math.round(zoom * 100)}%`),
    ),
    h("div", { class: "page-frame" }, img),
  );
  section.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "+" || ev.key === "=") zoomBy(id, p, 1);
    else if (ev.key === "-") zoomBy(id, p, -1);
    else if (ev.key === "0") setZoom(id, p, 1);
    else return;
    ev.preventDefault();
    ev.stopPropagation();
  });
  return section;
}

/** The preview's zoom steps, as a share of the pane's width. */
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

function zoomBy(id: string, p: { page: number } | null, step: 1 | -1) {
  const i = ZOOMS.indexOf(state.resumes.zoom);
  const next = ZOOMS[Math.max(0, Math.min(ZOOMS.length - 1, (i < 0 ? 2 : i) + step))] ?? 1;
  setZoom(id, p, next);
}

/** Renders the page again at `zoom` (a sharp image of the size shown, not a scaled one). */
function setZoom(id: string, p: { page: number } | null, zoom: number) {
  if (zoom === state.resumes.zoom) return;
  state.resumes.zoom = zoom;
  void showPage(id, p?.page ?? 0).then(() => document.getElementById("page-section")?.focus({ preventScroll: true }));
}

/** The resume's best score so far and a button to score it against the current job. */
function scoreSection(resumeId: string) {
  const job = currentJob();
  const best = state.resumes.list.find((x) => x.id === resumeId)?.best;
  const busy = state.shortlist.scoring === resumeId;
  // Already scored against the current job: its analysis is one click away, not a second score.
  const scored =
    job && state.shortlist.rankedFor === job.id
      ? state.shortlist.ranked.find((r) => r.resume_id === resumeId)
      : undefined;
  return h(
    "div",
    { class: "score-section" },
    best
      ? h(
          "p",
          { id: "resume-best" },
          "Best score ",
          h("span", { class: `score ${scoreClass(best.score)}` }, String(best.score)),
          ` (${bandText(best.score)}) for ${jobLabel(best.job_id)}.`,
        )
      : h("p", { class: "muted", id: "resume-best" }, "Not scored against any job yet."),
    !job
      ? h("p", { class: "muted" }, "Choose a current job at the top to score this resume against it.")
      : scored
        ? h(
            "button",
            {
              type: "button",
              class: "primary",
              id: "open-scored",
              title: "Its analysis in the shortlist (Re-analyse is there, to score it again)",
              onclick: () => {
                showView("shortlist");
                void selectAnalysis(scored.analysis_id);
              },
            },
            `Open its analysis for ${job.role} (${scored.score})`,
          )
        : h(
            "button",
            {
              type: "button",
              class: "primary",
              id: "analyze-resume",
              disabled: busy,
              onclick: () => scoreResume(job.id, resumeId),
            },
            busy ? "Scoring…" : `Score against ${job.role}`,
          ),
  );
}

/** Shows the erasure question in place of the button, in view, keyboard focus on "Cancel". */
function askToErase(id: string) {
  update("resumes", { confirmErase: id });
  focusInView("erase-cancel");
}

async function eraseResume(id: string) {
  const report = await attempt(() => api.eraseResume(id));
  update("resumes", { confirmErase: null });
  if (report) toast(`Erased, with ${report.analyses} analyses and ${report.feedback} feedback records. Restarting…`);
}

/** A Word resume's text as formatted text: its styled headings as headings, a paragraph a line. */
function formattedText(d: ResumeDetail) {
  const headings = new Set(d.heading_lines);
  return h(
    "div",
    { class: "resume-text formatted", id: "resume-text", tabindex: 0 },
    ...d.text
      .split("\n")
      .map((line, i) => (headings.has(i) ? h("h4", { class: "resume-heading" }, line) : h("p", {}, line))),
  );
}

const SAME_BY_TEXT: Record<SameBy, string> = {
  email: "same email",
  phone: "same phone",
  name_and_history: "same name and employers",
};

/** A resume of the library by its name (or its file's), for a link to it. */
function libraryName(id: string): string {
  const row = state.resumes.list.find((r) => r.id === id);
  return row ? (row.contact.name ?? row.file_names[0] ?? id) : id;
}

/** Confirms (`same`) or splits a link, then shows the list and this resume again. */
async function judgeLink(id: string, other: string, same: boolean) {
  const done = await attempt(() => (same ? api.linkResumes(id, other) : api.unlinkResumes(id, other)));
  if (done) {
    toast(same ? "Confirmed: the same person." : "Split: two people. They will not be linked again.");
    await reload(["resumes", "shortlist"]);
  }
}

/** "Possibly the same person as …", each with confirm and split. No file's records are merged. */
function samePersonSection(id: string, links: SamePerson[]) {
  if (!links.length) return null;
  return h(
    "section",
    { class: "same-person", id: "same-person", "aria-label": "Possibly the same person" },
    h("h3", {}, "The same person?"),
    ...links.map((l) =>
      h(
        "div",
        { class: "same-person-link", "data-other": l.resume_id },
        h(
          "p",
          {},
          l.confirmed ? "The same person as " : "Possibly the same person as ",
          h(
            "button",
            { type: "button", class: "link", onclick: () => openResume(l.resume_id) },
            libraryName(l.resume_id),
          ),
          l.reasons.length ? ` (${l.reasons.map((r) => SAME_BY_TEXT[r]).join(", ")})` : "",
          l.confirmed ? " · confirmed" : "",
        ),
        h(
          "div",
          { class: "actions" },
          l.confirmed
            ? null
            : h(
                "button",
                { type: "button", class: "same-confirm", onclick: () => judgeLink(id, l.resume_id, true) },
                "Same person",
              ),
          h(
            "button",
            { type: "button", class: "same-split", onclick: () => judgeLink(id, l.resume_id, false) },
            "Not the same person",
          ),
        ),
      ),
    ),
  );
}

function resumeDetail(d: ResumeDetail) {
  const r = d.resume;
  const word = r.format === "docx";
  const name = r.contact.name ?? r.file_names[0] ?? r.id;
  return h(
    "article",
    { class: "resume-detail", id: "resume-detail", "aria-label": "Resume detail" },
    h("h2", {}, name),
    r.contact.name ? h("p", { class: "muted" }, r.file_names[0] ?? "") : null,
    [r.contact.email, r.contact.phone, ...r.contact.links].some(Boolean)
      ? h("p", {}, [r.contact.email, r.contact.phone, ...r.contact.links].filter(Boolean).join(" · "))
      : null,
    h(
      "p",
      { class: "muted" },
      `${r.id} · ${word ? "Word document" : count(r.pages, "page")} · ${r.text_chars.toLocaleString()} characters of text · ${formatBytes(r.size_bytes)} · added ${formatDate(r.first_seen)}`,
    ),
    r.file_names.length > 1 ? h("p", { class: "muted" }, `Also added as: ${r.file_names.slice(1).join(", ")}`) : null,
    ...r.warnings.map((w) => h("p", { class: "warn" }, WARNING_TEXT[w])),
    samePersonSection(r.id, d.same_person),
    scoreSection(r.id),
    // A Word file has no fixed pages: its text, formatted, and no page preview.
    word
      ? null
      : d.withheld
        ? h(
            "p",
            { class: "muted", id: "page-withheld" },
            "Page images are hidden while this job is screened blind (they show the name and photo). Reveal the candidate on the shortlist to see them.",
          )
        : pagePreview(r.id, r.pages),
    h("h3", {}, word ? "Text" : "Extracted text"),
    word
      ? formattedText(d)
      : h(
          "pre",
          { class: "resume-text", id: "resume-text", tabindex: 0 },
          d.text.replaceAll("\f", "\n\n— next page —\n\n"),
        ),
    h("h3", {}, "Delete"),
    state.resumes.confirmErase === r.id
      ? h(
          "div",
          { class: "confirm", role: "alertdialog", "aria-label": "Confirm erasure" },
          h(
            "p",
            {},
            `Erase ${name} for good? The ${word ? "Word file" : "PDF"}, its text, every analysis and all feedback on it are deleted; Shortlist then restarts to clear them from the database file. This cannot be undone (a backup made before keeps a copy).`,
          ),
          h(
            "div",
            { class: "actions" },
            h(
              "button",
              { type: "button", class: "danger", id: "erase-confirm", onclick: () => eraseResume(r.id) },
              "Erase for good",
            ),
            h(
              "button",
              { type: "button", id: "erase-cancel", onclick: () => update("resumes", { confirmErase: null }) },
              "Cancel",
            ),
          ),
        )
      : h("button", { type: "button", id: "erase", onclick: () => askToErase(r.id) }, "Erase this candidate…"),
  );
}

/** The resume the right pane last showed (its scroll is kept while it shows the same one). */
let drawnResume: string | null = null;
let drawnPreview: unknown = null;

function renderDetail() {
  const d = state.resumes.selected;
  const content = d
    ? resumeDetail(d)
    : state.resumes.list.length
      ? emptyState("Pick a resume", "Select a resume to read its extracted text.")
      : null;
  if (!content) {
    detailPane.remove();
    drawnResume = null;
    return;
  }
  if (!detailPane.isConnected) root.append(detailPane);
  const id = d?.resume.id ?? null;
  const old = detailPane.firstElementChild;
  if (id && id === drawnResume && old) {
    // Only the page changed: redraw the preview alone.
    const section = document.getElementById("page-section");
    if (drawnPreview !== state.resumes.preview && section && d) {
      drawnPreview = state.resumes.preview;
      replacePart(section, pagePreview(id, d.resume.pages));
      return;
    }
    replacePart(old, content);
  } else {
    detailPane.replaceChildren(content);
    detailPane.scrollTop = 0;
  }
  drawnResume = id;
  drawnPreview = state.resumes.preview;
}

/** What the table was last drawn from; a change of anything but the selection draws it again. */
let drawn: unknown[] = [];

function renderListIfChanged() {
  const r = state.resumes;
  const now = [r.list, r.import, state.jobs.all, state.app.bands, library.rev];
  if (r.list !== drawn[0]) void loadLibraryTags();
  if (now.every((v, i) => v === drawn[i])) {
    const selected = r.selected?.resume.id;
    for (const row of listPane.querySelectorAll<HTMLElement>("tr.selected")) {
      if (row.dataset.resumeId !== selected) row.classList.remove("selected");
    }
    if (selected) document.getElementById(`resume-row-${selected}`)?.classList.add("selected");
    return;
  }
  drawn = now;
  renderList();
}

subscribe(["resumes", "jobs", "app"], renderListIfChanged);
subscribe(["resumes", "jobs", "shortlist"], renderDetail);
renderListIfChanged();
