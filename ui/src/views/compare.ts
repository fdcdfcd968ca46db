// Two candidates side by side: score, each part of it, skills found and missing.
import { pinForCompare } from "../actions";
import type { Analysis } from "../api";
import { h } from "../dom";
import { selectAnalysis } from "../store";
import { FLAG_TEXT } from "../text";
import { bandLine, breakdownBars, resumeName } from "./analysis";
import { scoreClass } from "./parts";

function column(a: Analysis) {
  const c = a.candidate;
  const missingRequired = a.missing_skills.filter((m) => m.importance === "required");
  return h(
    "section",
    { class: "compare-col", "aria-label": resumeName(a) },
    h(
      "div",
      { class: "analysis-head" },
      h("span", { class: `score big ${scoreClass(a.score, a.engine_version)}` }, String(a.score)),
      h(
        "div",
        {},
        h("h2", {}, resumeName(a)),
        h(
          "p",
          { class: "muted" },
          [`${c.years.toFixed(1)} years`, c.degree?.replaceAll("_", " ")].filter(Boolean).join(" · "),
        ),
      ),
    ),
    bandLine(a, true),
    ...a.flags.map((f) => h("p", { class: "warn" }, `⚠ ${FLAG_TEXT[f]}`)),
    ...breakdownBars(a),
    h("h3", {}, "Skills found"),
    h(
      "div",
      { class: "chips" },
      ...a.matched_skills.map((m) => h("span", { class: `chip ok ${m.evidenced ? "" : "listed"}` }, m.skill)),
    ),
    h("h3", {}, "Required, not found"),
    missingRequired.length
      ? h("div", { class: "chips" }, ...missingRequired.map((m) => h("span", { class: "chip missing" }, m.skill)))
      : h("p", { class: "muted" }, "None"),
    h(
      "button",
      {
        type: "button",
        onclick: () => {
          pinForCompare(null);
          void selectAnalysis(a.id);
        },
      },
      "Open this one",
    ),
  );
}

export function compareView(left: Analysis, right: Analysis) {
  return h(
    "article",
    { class: "compare", id: "compare-view", "aria-label": "Comparison" },
    h(
      "div",
      { class: "pane-head" },
      h("h1", {}, "Side by side"),
      h("span", { class: "spacer" }),
      h("button", { type: "button", id: "compare-close", onclick: () => pinForCompare(null) }, "Close comparison"),
    ),
    h("div", { class: "compare-grid" }, column(left), column(right)),
  );
}
