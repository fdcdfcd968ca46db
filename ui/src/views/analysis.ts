// One candidate's analysis: the score, its six parts, the terms and skills, the evidence per
// requirement, and the questions asked about them (./ask).
import { pinForCompare, scoreResume } from "../actions";
import type { Analysis, Part } from "../api";
import { formatDate, h } from "../dom";
import { state } from "../store";
import { FLAG_TEXT } from "../text";
import { askPanel } from "./ask";
import { bandBadge, bandLegendText, bandRange, chipLegend, isStale, meter, scoreClass, shareMeter } from "./parts";

/** The candidate's name: as parsed, else as the shortlist row has it, else the resume ID. */
export function resumeName(a: Analysis): string {
  if (a.candidate.name) return a.candidate.name;
  const row = state.shortlist.ranked.find((x) => x.analysis_id === a.id);
  return row?.name ?? a.resume_id;
}

/**
 * One part of the score: its points of its weight, a meter, its reason. A profile part
 * (experience, education, readability) counts in proportion to how well the resume matches
 * the job's work: its share is shown beside it, and the meter shows how much of its value counts.
 */
function bar(key: string, label: string, p: Part, proportional: boolean, notAsked = "not asked") {
  const applies = p.weight > 0;
  const share = p.share ?? 1;
  return h(
    "div",
    { class: `part ${applies ? "" : "na"}`, "data-part": key },
    h(
      "div",
      { class: "part-head" },
      h("span", {}, label),
      h(
        "span",
        { class: "muted part-points" },
        applies ? `${p.points.toFixed(1)} of ${(p.weight * 100).toFixed(0)} points` : notAsked,
      ),
    ),
    applies && proportional ? shareMeter(label, p.value, share) : meter(label, applies ? p.value : 0),
    applies && proportional
      ? h(
          "div",
          { class: "part-share small" },
          `${Math.round(p.value * 100)} % met, ${Math.round(share * 100)} % of it counts (in proportion to the match with this job's work)`,
        )
      : null,
    h("div", { class: "part-detail muted" }, p.detail),
    applies && key === "skills" && p.value < 0.995 && /(\d+) of \1 required/.test(p.detail)
      ? h(
          "div",
          { class: "part-why muted small" },
          "Every required skill is found, yet not every point: a skill only listed in a skills section (dashed chip) counts for less than one shown in experience, and missing nice-to-haves count too.",
        )
      : null,
  );
}

/** The six parts of a score, as meters: three measure the match with the job's work, three the profile (in proportion). */
export function breakdownBars(a: Analysis) {
  const b = a.breakdown;
  const old = isStale(a.engine_version);
  return [
    bar("terms", "Job terms", b.terms, false, old ? `not measured by engine v${a.engine_version}` : "not asked"),
    bar("evidence", "Evidence", b.evidence, false),
    bar("skills", "Skills", b.skills, false),
    bar("experience", "Experience", b.experience, !old),
    bar("education", "Education", b.education, !old),
    bar("readability", "Readability", b.readability, !old),
  ];
}

/** How strongly a passage meets its requirement, in words (0–1, calibrated by the core). */
function strengthText(strength: number): { label: string; cls: string } {
  // The cut-offs are the core's, checked against unrelated resumes by `shortlist eval`.
  const strong = (state.app.bands?.strong_match ?? 50) / 100;
  const some = (state.app.bands?.some_match ?? 38) / 100;
  return strength >= strong
    ? { label: "strong match", cls: "strong" }
    : strength >= some
      ? { label: "some match", cls: "possible" }
      : { label: "weak match", cls: "weak" };
}

/** The job's terms and skills found and missing, as chips. */
function termAndSkillChips(a: Analysis) {
  return [
    h("h3", {}, "Skills"),
    a.matched_skills.length || a.missing_skills.length
      ? h(
          "div",
          { class: "chips", id: "skill-chips" },
          ...a.matched_skills.map((m) =>
            h(
              "span",
              {
                class: `chip ok ${m.evidenced ? "" : "listed"}`,
                title: m.evidenced ? "shown in experience or projects" : "only listed in a skills section",
              },
              m.skill,
            ),
          ),
          ...a.missing_skills.map((m) =>
            h(
              "span",
              {
                class: "chip missing",
                title: `${m.importance === "required" ? "required" : "nice to have"}, not found`,
              },
              m.skill,
            ),
          ),
        )
      : h("p", { class: "muted" }, "The job names no skills of the lexicon."),
    h("h3", {}, "The job's terms"),
    a.matched_terms.length || a.missing_terms.length
      ? h(
          "div",
          { class: "chips", id: "term-chips" },
          ...a.matched_terms.map((t) => h("span", { class: "chip term ok", title: "found in the resume" }, t)),
          ...a.missing_terms.map((t) => h("span", { class: "chip term missing", title: "not in the resume" }, t)),
        )
      : h(
          "p",
          { class: "muted" },
          isStale(a.engine_version) ? "Not measured by the older engine." : "No weighty terms in the job.",
        ),
    h("details", { class: "chip-help" }, h("summary", {}, "What the chips mean"), chipLegend()),
  ];
}

/** The band of an analysis in words, with its range, or that an older engine made it. */
export function bandLine(a: Analysis, compact = false) {
  if (isStale(a.engine_version)) {
    return h(
      "p",
      { class: "stale-note", id: compact ? undefined : "analysis-band" },
      `Scored by an older engine (v${a.engine_version}): ${state.app.rescore?.running ? "updating…" : "re-analyse to score it with the current engine."}`,
    );
  }
  return h(
    "p",
    { class: "band-line", id: compact ? undefined : "analysis-band", title: bandLegendText() },
    bandBadge(a.band, a.engine_version),
    h(
      "span",
      { class: "muted" },
      ` ${bandRange(a.band)}${compact ? "" : " · the same score means the same fit for any job"}`,
    ),
  );
}

/** A requirement, how strongly its passage meets it (words and a meter), and the passage. */
function evidenceItem(e: Analysis["evidence"][number], old: boolean) {
  const s = strengthText(e.strength);
  return h(
    "li",
    {},
    h(
      "div",
      { class: "req" },
      e.requirement,
      e.importance === "preferred" ? h("span", { class: "muted" }, " (nice to have)") : null,
    ),
    e.passage
      ? h(
          "div",
          { class: "strength-row" },
          ...(old
            ? [h("span", { class: "muted small" }, `similarity ${e.similarity.toFixed(2)} (older engine: no strength)`)]
            : [
                h(
                  "span",
                  {
                    class: `strength ${s.cls}`,
                    title: `How strongly the passage meets the requirement, against what passages of unrelated resumes score for it: ${Math.round(e.strength * 100)} %`,
                  },
                  s.label,
                ),
                meter("Match strength", e.strength),
                // The strength the label comes from, not the raw cosine beside it (a cosine of
                // 0.48 read as weak next to "strong match"); the cosine is in the tooltip.
                h(
                  "span",
                  {
                    class: "muted small sim",
                    title: `Above what unrelated resumes score for this requirement (embedding cosine ${e.similarity.toFixed(2)})`,
                  },
                  `${Math.round(e.strength * 100)} %`,
                ),
              ]),
        )
      : null,
    e.passage ? h("blockquote", {}, e.passage) : h("p", { class: "muted" }, "No passage found."),
  );
}

export function analysisDetail(a: Analysis) {
  const c = a.candidate;
  const s = state.shortlist;
  return h(
    "article",
    { class: "analysis", id: "analysis-detail", "aria-label": "Analysis" },
    h(
      "div",
      { class: "analysis-head" },
      h("span", { class: `score big ${scoreClass(a.score, a.engine_version)}`, id: "analysis-score" }, String(a.score)),
      h(
        "div",
        {},
        h("h2", { id: "analysis-name" }, resumeName(a)),
        h(
          "p",
          { class: "muted" },
          [c.email, c.phone, `${c.years.toFixed(1)} years`, c.degree?.replaceAll("_", " ")].filter(Boolean).join(" · "),
        ),
      ),
    ),
    bandLine(a),
    ...a.flags.map((f) => h("p", { class: "warn" }, `⚠ ${FLAG_TEXT[f]}`)),
    s.compareWith?.id === a.id
      ? h("p", { class: "hint", id: "compare-hint" }, "Pick another candidate in the list to compare side by side.")
      : h(
          "div",
          { class: "actions" },
          h(
            "button",
            { type: "button", id: "compare", onclick: () => pinForCompare(a) },
            "Compare with another candidate",
          ),
          h(
            "button",
            {
              type: "button",
              id: "reanalyze",
              disabled: s.scoring === a.id,
              title: "Score this resume against this job again with the current engine",
              onclick: () => scoreResume(a.job_id, a.resume_id, a.id),
            },
            s.scoring === a.id ? "Re-analysing…" : "Re-analyse",
          ),
        ),
    h("h3", {}, "How the score was made"),
    h(
      "p",
      { class: "muted small" },
      "Job terms, evidence and skills measure how well the resume matches this job's work; experience, education and readability count in proportion to that match.",
    ),
    ...breakdownBars(a),
    ...termAndSkillChips(a),
    h("h3", {}, "Evidence per requirement"),
    h(
      "ul",
      { class: "evidence", id: "evidence" },
      ...a.evidence.map((e) => evidenceItem(e, isStale(a.engine_version))),
    ),
    askPanel(a),
    a.history.length ? h("p", { class: "muted", id: "history" }, `Earlier scores: ${earlierScores(a.history)}`) : null,
    h("p", { class: "muted small" }, `Analysis ${a.id} · engine v${a.engine_version} · ${formatDate(a.created_at)}`),
  );
}

/**
 * The earlier scores in words, oldest first; runs of the same score by the same engine on the
 * same day (the job's criteria edited, scored again to the same number) are said once, "×2".
 */
function earlierScores(history: Analysis["history"]): string {
  const runs: { text: string; n: number }[] = [];
  for (const x of history) {
    const text = `${x.score} (engine v${x.engine_version}, ${formatDate(x.at)})`;
    const last = runs[runs.length - 1];
    if (last && last.text === text) last.n += 1;
    else runs.push({ text, n: 1 });
  }
  return runs.map((r) => (r.n > 1 ? `${r.text} ×${r.n}` : r.text)).join(", ");
}
