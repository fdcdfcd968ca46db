// The criteria editor inside the job editor: what the engine read from the description (each
// requirement with its skills, years, degree) as an editable list, knockout gates and the
// score's part weights, with a live preview of the parse while typing (debounced). The
// criteria being edited are a draft in the store beside the job's text.
import { api, type Choice, type Criteria, type DegreeLevel, type Gate, type JobPreview } from "../api";
import { h } from "../dom";
import { criteriaDraftOf, type EditorKey, keepCriteriaDraft, savedCriteria } from "../store";
import { CHOICE_TEXT, DEGREE_TEXT } from "../text";
import { replacePart } from "../ui";

const DEGREES = Object.keys(DEGREE_TEXT) as DegreeLevel[];
const PARTS = ["terms", "evidence", "skills", "experience", "education", "readability"] as const;
type Part = (typeof PARTS)[number];
const PART_TEXT: Record<Part, string> = {
  terms: "The job's words and phrases",
  evidence: "Meaning (whole resume and per requirement)",
  skills: "Skills",
  experience: "Years of experience",
  education: "Education",
  readability: "Readability",
};

/** The criteria shown for `key`: the draft, or what is saved. */
export function shownCriteria(key: EditorKey): Criteria {
  return criteriaDraftOf(key) ?? structuredClone(savedCriteria(key));
}

/** The last preview for each editor (drawn at once when the editor is drawn again). */
const previews = new Map<EditorKey, JobPreview>();

interface Editor {
  key: EditorKey;
  description: () => string;
  /** Called after each change of the criteria (the editor marks itself unsaved). */
  changed: () => void;
}

let timer = 0;

/** Asks the engine again for the preview of `ed` after a pause in typing. */
export function schedulePreview(ed: Editor, delay = 250) {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void refreshPreview(ed), delay);
}

async function refreshPreview(ed: Editor) {
  const criteria = shownCriteria(ed.key);
  try {
    const p = await api.previewJob(ed.description(), criteria);
    previews.set(ed.key, p);
    const old = document.getElementById("criteria");
    if (old) replacePart(old, criteriaSection(ed));
  } catch {
    // The preview is a help; the saved job is what counts.
  }
}

function change(ed: Editor, edit: (c: Criteria) => void) {
  const c = shownCriteria(ed.key);
  edit(c);
  keepCriteriaDraft(ed.key, c);
  ed.changed();
  schedulePreview(ed, 0);
}

function choiceSelect(
  id: string,
  label: string,
  current: Choice | null,
  readAs: string,
  onPick: (c: Choice | null) => void,
) {
  const select = h(
    "select",
    { id, "aria-label": label, class: `choice ${current ?? "as-written"}` },
    h("option", { value: "", selected: current === null }, `As written (${readAs})`),
    ...(["must", "nice", "ignore"] as Choice[]).map((c) =>
      h("option", { value: c, selected: current === c }, CHOICE_TEXT[c]),
    ),
  );
  select.addEventListener("change", () => onPick(select.value ? (select.value as Choice) : null));
  return select;
}

function slug(text: string): string {
  let n = 0;
  for (const ch of text) n = (n * 31 + ch.charCodeAt(0)) >>> 0;
  return n.toString(36);
}

function requirementList(ed: Editor, p: JobPreview, c: Criteria) {
  if (p.requirements.length === 0) {
    return h(
      "p",
      { class: "muted", id: "criteria-requirements" },
      "No requirements read yet: type or paste the description.",
    );
  }
  return h(
    "ul",
    { class: "criteria-list", id: "criteria-requirements" },
    ...p.requirements.map((r, i) => {
      const applies = r.applies_as === null ? "ignored" : r.applies_as === "required" ? "must" : "nice";
      const control = r.added
        ? h(
            "button",
            {
              type: "button",
              id: `criteria-remove-${i}`,
              onclick: () =>
                change(ed, (x) => {
                  x.added = x.added.filter((a) => a.text.trim() !== r.text);
                }),
            },
            "Remove",
          )
        : choiceSelect(
            `criteria-req-${slug(r.text)}`,
            `Requirement: ${r.text}`,
            c.requirements[r.text.trim()] ?? null,
            r.read_as === "required" ? "must" : "nice",
            (choice) =>
              change(ed, (x) => {
                if (choice) x.requirements[r.text.trim()] = choice;
                else delete x.requirements[r.text.trim()];
              }),
          );
      return h(
        "li",
        { class: `criteria-req ${applies}`, "data-applies": applies },
        h(
          "div",
          { class: "criteria-req-head" },
          h(
            "span",
            { class: `applies ${applies}` },
            applies === "ignored" ? "ignored" : applies === "must" ? "must" : "nice",
          ),
          h("span", { class: "req-text" }, r.text, r.added ? h("span", { class: "badge" }, "added") : null),
          control,
        ),
        r.skills.length
          ? h(
              "div",
              { class: "skills" },
              ...r.skills.map((s) => {
                const choice = c.skills[s] ?? null;
                return h("span", { class: `chip ok ${choice === "ignore" ? "missing" : ""}` }, s);
              }),
            )
          : null,
      );
    }),
  );
}

function skillChoices(ed: Editor, p: JobPreview, c: Criteria) {
  const names = [...new Set([...p.skills, ...Object.keys(c.skills)])];
  if (names.length === 0) return null;
  return h(
    "div",
    { class: "criteria-skills", id: "criteria-skills" },
    ...names.map((s) =>
      h(
        "label",
        { class: "skill-choice" },
        h("span", {}, s),
        choiceSelect(
          `criteria-skill-${slug(s)}`,
          `Skill: ${s}`,
          c.skills[s] ?? null,
          p.required_skills.includes(s) ? "must" : p.preferred_skills.includes(s) ? "nice" : "—",
          (choice) =>
            change(ed, (x) => {
              if (choice) x.skills[s] = choice;
              else delete x.skills[s];
            }),
        ),
      ),
    ),
  );
}

function addRequirement(ed: Editor) {
  const text = h("input", {
    id: "criteria-add-text",
    placeholder: "A requirement the text does not name, e.g. “Experience with Terraform”",
    "aria-label": "Requirement to add",
    maxlength: 300,
  });
  const must = h(
    "select",
    { id: "criteria-add-must", "aria-label": "Must or nice" },
    h("option", { value: "must" }, "Must have"),
    h("option", { value: "nice" }, "Nice to have"),
  );
  const add = () => {
    const t = text.value.trim();
    if (!t) return;
    change(ed, (x) => {
      x.added.push({ text: t, must: must.value === "must" });
    });
    text.value = "";
  };
  text.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      add();
    }
  });
  return h(
    "div",
    { class: "inline" },
    text,
    must,
    h("button", { type: "button", id: "criteria-add", onclick: add }, "Add requirement"),
  );
}

function yearsAndDegree(ed: Editor, p: JobPreview, c: Criteria) {
  const years = h(
    "select",
    { id: "criteria-years-mode", "aria-label": "Years of experience" },
    h(
      "option",
      { value: "as_written", selected: c.min_years.set === "as_written" },
      `As written (${p.min_years_read ?? "none"})`,
    ),
    h("option", { value: "none", selected: c.min_years.set === "none" }, "Not asked for"),
    h("option", { value: "to", selected: c.min_years.set === "to" }, "At least…"),
  );
  const yearsValue = h("input", {
    id: "criteria-years",
    type: "number",
    min: 0,
    max: 60,
    step: 0.5,
    "aria-label": "Years asked for",
    value: c.min_years.set === "to" ? c.min_years.value : (p.min_years_read ?? ""),
    disabled: c.min_years.set !== "to",
  });
  const setYears = () =>
    change(ed, (x) => {
      x.min_years =
        years.value === "to"
          ? { set: "to", value: Number(yearsValue.value) || 0 }
          : { set: years.value as "as_written" | "none" };
    });
  years.addEventListener("change", setYears);
  yearsValue.addEventListener("change", setYears);
  const degree = h(
    "select",
    { id: "criteria-degree", "aria-label": "Degree asked for" },
    h(
      "option",
      { value: "as_written", selected: c.degree.set === "as_written" },
      `As written (${p.degree_read ? DEGREE_TEXT[p.degree_read] : "none"})`,
    ),
    h("option", { value: "none", selected: c.degree.set === "none" }, "Not asked for"),
    ...DEGREES.map((d) =>
      h("option", { value: d, selected: c.degree.set === "to" && c.degree.value === d }, `At least ${DEGREE_TEXT[d]}`),
    ),
  );
  degree.addEventListener("change", () =>
    change(ed, (x) => {
      x.degree =
        degree.value === "as_written" || degree.value === "none"
          ? { set: degree.value }
          : { set: "to", value: degree.value as DegreeLevel };
    }),
  );
  return h(
    "div",
    { class: "inline" },
    h("label", { for: "criteria-years-mode" }, "Years"),
    years,
    yearsValue,
    h("label", { for: "criteria-degree" }, "Degree"),
    degree,
  );
}

export function gateText(g: Gate): string {
  switch (g.kind) {
    case "min_years":
      return `At least ${g.years} years of experience`;
    case "skill":
      return `Has ${g.name}`;
    case "min_degree":
      return `Degree at least ${DEGREE_TEXT[g.level]}`;
    case "phrase":
      return `Resume says “${g.text}”`;
  }
}

function gatesEditor(ed: Editor, c: Criteria) {
  const kind = h(
    "select",
    { id: "gate-kind", "aria-label": "Kind of gate" },
    h("option", { value: "skill" }, "Skill present"),
    h("option", { value: "min_years" }, "At least N years"),
    h("option", { value: "min_degree" }, "Degree at least"),
    h("option", { value: "phrase" }, "Phrase present (e.g. work permit)"),
  );
  const value = h("input", { id: "gate-value", "aria-label": "Gate value", placeholder: "Skill name" });
  const level = h(
    "select",
    { id: "gate-level", "aria-label": "Degree level", hidden: true },
    ...DEGREES.map((d) => h("option", { value: d }, DEGREE_TEXT[d])),
  );
  kind.addEventListener("change", () => {
    level.hidden = kind.value !== "min_degree";
    value.hidden = kind.value === "min_degree";
    value.type = kind.value === "min_years" ? "number" : "text";
    value.placeholder = kind.value === "min_years" ? "Years" : kind.value === "phrase" ? "work permit" : "Skill name";
  });
  const add = () => {
    const v = value.value.trim();
    let gate: Gate | null = null;
    if (kind.value === "min_degree") gate = { kind: "min_degree", level: level.value as DegreeLevel };
    else if (!v) return;
    else if (kind.value === "min_years") gate = { kind: "min_years", years: Number(v) };
    else if (kind.value === "skill") gate = { kind: "skill", name: v };
    else gate = { kind: "phrase", text: v };
    const g = gate;
    change(ed, (x) => {
      x.gates.push(g);
    });
    value.value = "";
  };
  return h(
    "div",
    { id: "criteria-gates" },
    c.gates.length
      ? h(
          "ul",
          { class: "criteria-list" },
          ...c.gates.map((g, i) =>
            h(
              "li",
              { class: "gate-item" },
              h("span", { class: "badge" }, "gate"),
              h("span", { class: "req-text" }, gateText(g)),
              h(
                "button",
                {
                  type: "button",
                  id: `gate-remove-${i}`,
                  onclick: () =>
                    change(ed, (x) => {
                      x.gates.splice(i, 1);
                    }),
                },
                "Remove",
              ),
            ),
          ),
        )
      : h("p", { class: "muted small" }, "No gates: every candidate is ranked by points only."),
    h(
      "div",
      { class: "inline" },
      kind,
      value,
      level,
      h("button", { type: "button", id: "gate-add", onclick: add }, "Add gate"),
    ),
  );
}

function weightsEditor(ed: Editor, p: JobPreview, c: Criteria) {
  const inputs = PARTS.map((part) => {
    const w = p.weights.find((x) => x.part === part);
    const input = h("input", {
      id: `weight-${part}`,
      type: "number",
      min: 0,
      max: 10,
      step: 0.01,
      "aria-label": `Weight of ${PART_TEXT[part]}`,
      value: c.weights ? c.weights[part] : (w?.default ?? 0),
    });
    input.addEventListener("change", () =>
      change(ed, (x) => {
        const base = x.weights ?? Object.fromEntries(p.weights.map((pw) => [pw.part, pw.default]));
        x.weights = { ...(base as NonNullable<Criteria["weights"]>), [part]: Number(input.value) || 0 };
      }),
    );
    return h(
      "label",
      { class: "weight" },
      h("span", {}, PART_TEXT[part]),
      input,
      h(
        "span",
        { class: "muted small" },
        `applies ${Math.round((w?.applies ?? 0) * 100)} % · default ${Math.round((w?.default ?? 0) * 100)} %`,
      ),
    );
  });
  return h(
    "details",
    { id: "criteria-weights", open: c.weights !== null },
    h("summary", {}, c.weights ? "Part weights (changed)" : "Part weights (defaults)"),
    h("div", { class: "weights" }, ...inputs),
    c.weights
      ? h(
          "button",
          {
            type: "button",
            id: "weights-reset",
            onclick: () =>
              change(ed, (x) => {
                x.weights = null;
              }),
          },
          "Back to the defaults",
        )
      : null,
  );
}

function summary(p: JobPreview) {
  const list = (xs: string[]) => (xs.length ? xs.join(", ") : "none");
  return h(
    "dl",
    { class: "criteria-summary", id: "criteria-summary" },
    h("dt", {}, "Must have"),
    h("dd", { id: "criteria-must" }, list(p.required_skills)),
    h("dt", {}, "Nice to have"),
    h("dd", { id: "criteria-nice" }, list(p.preferred_skills)),
    h("dt", {}, "Years"),
    h("dd", {}, p.min_years === null ? "not asked for" : `at least ${p.min_years}`),
    h("dt", {}, "Degree"),
    h("dd", {}, p.degree ? `at least ${DEGREE_TEXT[p.degree]}` : "not asked for"),
  );
}

/** The criteria section of the job editor, from the last preview (asked for when there is none). */
export function criteriaSection(ed: Editor): HTMLElement {
  const p = previews.get(ed.key);
  const c = shownCriteria(ed.key);
  if (!p) {
    schedulePreview(ed, 0);
    return h("section", { id: "criteria", class: "criteria" }, h("p", { class: "muted" }, "Reading the description…"));
  }
  return h(
    "section",
    { id: "criteria", class: "criteria", "aria-label": "What the engine reads and your criteria" },
    h("h3", {}, "What the engine reads — and what you decide"),
    h(
      "p",
      { class: `muted small ${p.has_headings ? "" : "warn-text"}`, id: "criteria-headings" },
      p.has_headings
        ? "Lines under a “Requirements” heading count as must-haves, lines under “Nice to have” as nice-to-haves: these headings drive the score."
        : "No “Requirements” or “Nice to have” heading found: every line counts as a must-have. Add these headings to say what matters, or mark lines below.",
    ),
    p.not_english
      ? h("p", { class: "warn-text small" }, "The description does not read as English: requirements may be misread.")
      : null,
    p.problem ? h("p", { class: "error-text", id: "criteria-problem", role: "alert" }, p.problem) : null,
    summary(p),
    h("h4", {}, "Requirements"),
    requirementList(ed, p, c),
    addRequirement(ed),
    h("h4", {}, "Skills"),
    skillChoices(ed, p, c) ?? h("p", { class: "muted small" }, "No skills the engine knows are named yet."),
    h("h4", {}, "Years and degree"),
    yearsAndDegree(ed, p, c),
    h("h4", {}, "Knockout gates"),
    h(
      "p",
      { class: "muted small" },
      "A gate is pass or fail and never adds points; the shortlist can show only those who pass every gate.",
    ),
    gatesEditor(ed, c),
    weightsEditor(ed, p, c),
  );
}
