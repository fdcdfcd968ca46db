// Small pieces several views draw: bands and scores, meters, the chip legend, job names.
import type { Band, RescoreCause } from "../api";
import { h } from "../dom";
import { currentJob, state } from "../store";
import { BAND_TEXT, jobTitle } from "../text";

/** A job by its ID, as the window names it. */
export function jobLabel(id: string): string {
  const job = state.jobs.all.find((j) => j.id === id);
  return job ? jobTitle(job) : "an archived job";
}

/** Resumes in the library (from the storage counts; the records load with the Resumes view). */
export function resumeCount(): number {
  return state.storage.stats?.resumes ?? state.resumes.list.length;
}

/** The band of a score, by the core's thresholds (null until they are loaded). */
export function bandOf(score: number): Band | null {
  const b = state.app.bands;
  if (!b) return null;
  return score >= b.strong ? "strong" : score >= b.possible ? "possible" : "weak";
}

/** "strong fit" for a score, by the core's thresholds. */
export function bandText(score: number): string {
  const b = bandOf(score);
  return b ? BAND_TEXT[b] : "";
}

/** What the bands mean, in the core's thresholds. */
export function bandLegendText(): string {
  const b = state.app.bands;
  if (!b) return "";
  return `Strong fit: ${b.strong} and above — the resume matches this job's work far better than resumes of other occupations; possible: ${b.possible}–${b.strong - 1}; weak: below ${b.possible}. The same score means the same fit for any job.`;
}

/** The range of scores of a band, e.g. "50–69". */
export function bandRange(band: Band): string {
  const b = state.app.bands;
  if (!b) return "";
  return band === "strong"
    ? `${b.strong} and above`
    : band === "possible"
      ? `${b.possible}–${b.strong - 1}`
      : `below ${b.possible}`;
}

/** Whether an analysis was made by an engine older than the current one. */
export function isStale(engineVersion: number): boolean {
  const b = state.app.bands;
  return b !== null && engineVersion < b.engine_version;
}

/**
 * Why the background re-score runs, as the toast and the panel say it: for the description
 * or criteria just saved in this window, for a job edited elsewhere (its rows are behind its
 * revision), else for the current engine.
 */
export function rescoreReason(): string {
  const edit = state.app.rescoreEdit;
  if (edit) {
    const what =
      edit.criteria && edit.text
        ? "new description and criteria"
        : edit.criteria
          ? "new criteria"
          : "edited description";
    return `for the ${what} of “${edit.role}”`;
  }
  return state.app.rescoreWhy || "by the current engine";
}

/** [`rescoreReason`] as it stands when a run starts: the core's cause, named for the current job where it is that job's edit. */
export function rescoreReasonNow(cause: RescoreCause | null): string {
  switch (cause) {
    case "job": {
      const job = currentJob();
      const rows = state.shortlist.ranked;
      return job && rows.some((r) => !isStale(r.engine_version) && r.job_revision < job.revision)
        ? `for the edited job “${job.role}”`
        : "for the edited jobs";
    }
    case "library":
      return "with the library's new word weights (rare words count more, common ones less)";
    default:
      return "by the current engine";
  }
}

/** The panel's counts while the re-score runs. */
export function rescoreCounts(p: { done: number; total: number }): string {
  return `${p.done} of ${p.total} analyses scored again ${rescoreReason()}`;
}

/** What a stale analysis's row says: it is being brought up to date, or will be. */
export function staleText(): string {
  return state.app.rescore?.running
    ? "scored by an older engine — updating…"
    : "scored by an older engine — re-analyse to update it now";
}

/** The score's colour class: its band, or grey for a score of an older engine. */
export function scoreClass(score: number, engineVersion?: number): string {
  if (engineVersion !== undefined && isStale(engineVersion)) return "stale";
  return bandOf(score) ?? "";
}

/** The band as text beside a score (never colour alone). */
export function bandBadge(band: Band, engineVersion: number) {
  if (isStale(engineVersion)) {
    return h(
      "span",
      { class: "band stale", title: "Made by an older engine: its score is not on the same scale." },
      "older engine",
    );
  }
  return h("span", { class: `band ${band}`, title: bandLegendText() }, BAND_TEXT[band]);
}

/** What each chip style means. */
export function chipLegend(id?: string) {
  return h(
    "ul",
    { class: "chip-legend", id, "aria-label": "Chip styles" },
    h("li", {}, h("span", { class: "chip ok" }, "skill"), " shown in experience or projects"),
    h("li", {}, h("span", { class: "chip ok listed" }, "skill"), " only listed in a skills section"),
    h("li", {}, h("span", { class: "chip missing" }, "skill"), " asked for, not found"),
    h("li", {}, h("span", { class: "chip term ok" }, "term"), " the job's word or phrase, found"),
    h("li", {}, h("span", { class: "chip term missing" }, "term"), " the job's word or phrase, missing"),
  );
}

/** A 0–1 meter. The width is set through the CSSOM: the CSP forbids inline style attributes. */
export function meter(label: string, value: number) {
  const fill = h("div", { class: "fill" });
  fill.style.width = `${Math.round(value * 100)}%`;
  return h("div", { class: "meter", role: "img", "aria-label": `${label}: ${Math.round(value * 100)} %` }, fill);
}

/** A meter of a part that counts in proportion: its value (light) and the share of it that counts (solid). */
export function shareMeter(label: string, value: number, share: number) {
  const counted = h("div", { class: "fill" });
  counted.style.width = `${Math.round(value * share * 100)}%`;
  const whole = h("div", { class: "fill ghost" });
  whole.style.width = `${Math.round(value * 100)}%`;
  return h(
    "div",
    {
      class: "meter layered",
      role: "img",
      "aria-label": `${label}: ${Math.round(value * 100)} %, of which ${Math.round(share * 100)} % counts`,
    },
    whole,
    counted,
  );
}

/** Rows rendered at once in a long list; more are appended as it scrolls. */
export const CHUNK = 40;

/**
 * Appends `more()` before `sentinel` each time it scrolls into view, until `more` says the
 * list is complete (it returns the rows left); then the sentinel goes.
 */
export function growOnScroll(sentinel: HTMLElement, more: () => number, label: (left: number) => void) {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    const left = more();
    if (left <= 0) {
      observer.disconnect();
      sentinel.remove();
    } else {
      label(left);
    }
  });
  observer.observe(sentinel);
}
