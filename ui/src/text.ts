// What the window says for each value of the core's enums. Each map is a `Record` over a union
// type generated in ./bindings, so a value added in Rust fails the type check until it is worded.
import type { Band, ExtractionWarning, FileStatus, Flag } from "./bindings";

export const FLAG_TEXT: Record<Flag, string> = {
  hidden_text: "Hidden text ignored",
  keyword_stuffing: "Keyword stuffing",
  little_text: "Little text",
  no_dates: "No dates",
  copied_from_job: "Job text copied in (ignored)",
  job_not_english: "Job not in English: requirements may be misread",
};

export const BAND_TEXT: Record<Band, string> = {
  strong: "strong fit",
  possible: "possible fit",
  weak: "weak fit",
};

export const WARNING_TEXT: Record<ExtractionWarning, string> = {
  little_text: "Very little text: parts of this PDF may be images.",
  image_pages: "Some pages have no text (scanned images).",
  hidden_text: "Contains hidden text (white or tiny characters); it was ignored.",
};

export const FILE_STATUS_TEXT: Record<FileStatus["status"], string> = {
  added: "Added",
  duplicate: "Already in library",
  failed: "Failed",
};

/** "1 job", "2 jobs". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "Role — Company", as the picker and every other place name a job. */
export function jobTitle(job: { role: string; company: string }): string {
  return `${job.role} — ${job.company}`;
}
