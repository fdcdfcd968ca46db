// What the window says for each value of the core's enums. Each map is a `Record` over a union
// type generated in ./bindings, so a value added in Rust fails the type check until it is worded.
import type { Band, Choice, DegreeLevel, ExtractionWarning, FileStatus, Flag, GateSummary, Stage } from "./bindings";

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
  text_cut: "Longer than any resume (over 200,000 characters): only its beginning was kept.",
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

/** The pipeline's stages in order, with the key that moves the selected candidate there. */
export const STAGES: [Stage, string][] = [
  ["new", "1"],
  ["shortlisted", "2"],
  ["interview", "3"],
  ["offer", "4"],
  ["hired", "5"],
  ["rejected", "6"],
];

export const STAGE_TEXT: Record<Stage, string> = {
  new: "New",
  shortlisted: "Shortlisted",
  interview: "Interview",
  offer: "Offer",
  hired: "Hired",
  rejected: "Rejected",
};

export const GATE_TEXT: Record<GateSummary, string> = {
  no_gates: "",
  pass: "passes every gate",
  fail: "fails a gate",
  unknown: "gate unknown",
};

export const CHOICE_TEXT: Record<Choice, string> = {
  must: "Must have",
  nice: "Nice to have",
  ignore: "Ignore",
};

export const DEGREE_TEXT: Record<DegreeLevel, string> = {
  high_school: "High school",
  associate: "Associate",
  bachelor: "Bachelor's",
  master: "Master's",
  doctorate: "Doctorate",
};

/** Text for matching: lowercase, accents dropped ("Wiśniewska" and "Wisniewska" are one; ł, ø, ß too). */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .replace(/ß/g, "ss")
    .replace(/đ/g, "d")
    .replace(/æ/g, "ae")
    .replace(/œ/g, "oe");
}

/** Whether every word of `query` occurs in one of `fields`, accents and case ignored. */
export function matches(query: string, ...fields: string[]): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = fold(fields.join("\n"));
  return words.every((w) => hay.includes(w));
}
