// The library list's search, sort, tag filter and multi-select with bulk actions (tag,
// analyse against the current job, erase with one confirmation naming the count). The
// resume detail panel is drawn by ./resumes.
import { scoreResume } from "../actions";
import { api, type LibraryRow } from "../api";
import { h } from "../dom";
import { command, currentJob, reload, update } from "../store";
import { count, matches } from "../text";
import { attempt, focusInView, toast } from "../ui";

type LibrarySort = "recent" | "name" | "score";

export const library = {
  query: "",
  sort: "recent" as LibrarySort,
  tag: "",
  picked: new Set<string>(),
  anchor: null as string | null,
  tags: new Map<string, string[]>(),
  erasing: false,
  /** Bumped when anything here changes (the table is drawn again). */
  rev: 0,
};

/** Loads the tags of the library (after a tag changed or the view opened). */
export async function loadLibraryTags() {
  const tags = await attempt(() => api.libraryTags());
  if (!tags) return;
  library.tags = new Map(tags);
  redraw();
}

function redraw() {
  library.rev += 1;
  update("resumes", {});
}

/** The rows as shown: searched (accents ignored), tag-filtered, sorted. */
export function visibleResumes(all: LibraryRow[]): LibraryRow[] {
  const rows = all.filter((r) => {
    const tags = library.tags.get(r.id) ?? [];
    if (library.tag && !tags.some((t) => t.toLowerCase() === library.tag.toLowerCase())) return false;
    return matches(library.query, r.contact.name ?? "", r.contact.email ?? "", ...r.file_names, ...tags);
  });
  // What a filter hides leaves the selection: a bulk action (erase!) only ever acts on rows
  // the recruiter can see.
  if (library.picked.size) {
    const shown = new Set(rows.map((r) => r.id));
    const kept = [...library.picked].filter((id) => shown.has(id));
    if (kept.length !== library.picked.size) library.picked = new Set(kept);
  }
  const name = (r: LibraryRow) => r.contact.name ?? r.file_names[0] ?? r.id;
  if (library.sort === "name") rows.sort((a, b) => name(a).localeCompare(name(b)));
  if (library.sort === "score") rows.sort((a, b) => (b.best?.score ?? -1) - (a.best?.score ?? -1));
  return rows;
}

/** Search, sort and tag filter above the table; `changed` draws the table again. */
export function libraryControls(changed: () => void) {
  const search = h("input", {
    id: "library-search",
    type: "search",
    placeholder: "Search name, email, file or tag",
    "aria-label": "Search the library",
    value: library.query,
  });
  search.addEventListener("input", () => {
    library.query = search.value;
    changed();
  });
  const sort = h(
    "select",
    { id: "library-sort", "aria-label": "Sort the library" },
    ...(
      [
        ["recent", "Newest first"],
        ["name", "Name"],
        ["score", "Best score"],
      ] as [LibrarySort, string][]
    ).map(([v, label]) => h("option", { value: v, selected: library.sort === v }, label)),
  );
  sort.addEventListener("change", () => {
    library.sort = sort.value as LibrarySort;
    changed();
  });
  const allTags = [...new Set([...library.tags.values()].flat())].sort();
  const tag = h(
    "select",
    { id: "library-tag", "aria-label": "Show tag" },
    h("option", { value: "" }, "Every tag"),
    ...allTags.map((t) => h("option", { value: t, selected: library.tag === t }, t)),
  );
  tag.addEventListener("change", () => {
    library.tag = tag.value;
    changed();
  });
  return h("div", { class: "shortlist-controls" }, search, sort, tag);
}

/** A click on a library row: Ctrl toggles it in the selection, Shift selects a range; returns whether it did. */
export function clickLibraryRow(id: string, ev: MouseEvent, rows: LibraryRow[]): boolean {
  if (ev.shiftKey && library.anchor) {
    const ids = rows.map((r) => r.id);
    const [i, j] = [ids.indexOf(library.anchor), ids.indexOf(id)];
    if (i >= 0 && j >= 0) library.picked = new Set(ids.slice(Math.min(i, j), Math.max(i, j) + 1));
  } else if (ev.ctrlKey || ev.metaKey) {
    const picked = new Set(library.picked);
    if (picked.has(id)) picked.delete(id);
    else picked.add(id);
    library.picked = picked;
    library.anchor = id;
  } else {
    library.anchor = id;
    if (library.picked.size === 0) return false;
    library.picked = new Set();
  }
  redraw();
  return ev.shiftKey || ev.ctrlKey || ev.metaKey;
}

/** Ctrl+A selects every row shown; Esc clears. */
export function libraryKey(ev: KeyboardEvent, rows: () => LibraryRow[]): boolean {
  if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "a") {
    library.picked = new Set(rows().map((r) => r.id));
    redraw();
    return true;
  }
  if (ev.key === "Escape" && library.picked.size) {
    library.picked = new Set();
    redraw();
    return true;
  }
  return false;
}

/** The bulk actions over the picked resumes. */
export function libraryBulkBar(): HTMLElement | null {
  const ids = [...library.picked];
  if (ids.length === 0) return null;
  const tag = h("input", {
    id: "library-bulk-tag",
    placeholder: "Tag",
    "aria-label": "Tag the selected",
    maxlength: 40,
  });
  const addTag = async () => {
    const t = tag.value.trim();
    if (!t) return;
    const n = await command(() => api.addTag(ids, t), ["resumes", "shortlist"]);
    if (n !== undefined) toast(`Tagged ${count(ids.length, "resume")} “${t}”`);
    await loadLibraryTags();
  };
  const analyse = async () => {
    const job = currentJob();
    if (!job) {
      toast("Create or pick a job first", "error");
      return;
    }
    for (const id of ids) await scoreResume(job.id, id);
  };
  const exportPicked = async () => {
    const path = await attempt(() => api.exportLibrarySelection(ids));
    if (path) toast(`${count(ids.length, "resume")} exported${currentJob()?.blind ? " without names" : ""}`);
  };
  const erase = async () => {
    library.erasing = false;
    let done = 0;
    for (const id of ids) if (await attempt(() => api.eraseResume(id))) done += 1;
    library.picked = new Set();
    await reload(["resumes", "shortlist", "analysis", "stats", "jobs"]);
    toast(`${count(done, "resume")} erased with their analyses, notes, tags and stages`);
  };
  return h(
    "div",
    { class: "bulk-bar", id: "library-bulk-bar", role: "toolbar", "aria-label": "Bulk actions" },
    h("strong", {}, `${ids.length} selected`),
    tag,
    h("button", { type: "button", id: "library-bulk-tag-apply", onclick: addTag }, "Add tag"),
    h("button", { type: "button", id: "library-bulk-analyse", onclick: analyse }, "Analyse against the current job"),
    h("button", { type: "button", id: "library-bulk-export", onclick: exportPicked }, "Export CSV…"),
    h(
      "button",
      {
        type: "button",
        class: "danger",
        id: "library-bulk-erase",
        onclick: () => {
          library.erasing = true;
          redraw();
          focusInView("library-erase-cancel");
        },
      },
      "Erase…",
    ),
    library.erasing
      ? h(
          "div",
          { class: "confirm", role: "alertdialog" },
          h("p", {}, `Erase ${count(ids.length, "resume")} and everything about them? This cannot be undone.`),
          h(
            "div",
            { class: "actions" },
            h(
              "button",
              { type: "button", class: "danger", id: "library-erase-yes", onclick: erase },
              `Erase ${count(ids.length, "resume")}`,
            ),
            h(
              "button",
              {
                type: "button",
                id: "library-erase-cancel",
                onclick: () => {
                  library.erasing = false;
                  redraw();
                },
              },
              "Cancel",
            ),
          ),
        )
      : null,
  );
}
