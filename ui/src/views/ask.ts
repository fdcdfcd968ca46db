// Questions about the open candidate: the answer from the resume, its rating and correction,
// earlier feedback on similar questions, and the feedback given so far. The section draws
// itself again when the answer changes; saving feedback keeps the pane where it is.
import { type Analysis, type Answer, api, type FeedbackHit } from "../api";
import { formatDate, h } from "../dom";
import { command, state, subscribe, update } from "../store";
import { attempt, replacePart, toast } from "../ui";
import { jobLabel } from "./parts";

/** Cosine similarity from which earlier feedback counts as "a similar question". */
const SIMILAR_FEEDBACK_MIN = 0.5;

/** `text` with every occurrence of `words` wrapped in <mark> (built as DOM nodes, never HTML). */
function highlighted(text: string, words: string[]): (string | HTMLElement)[] {
  const escaped = words.filter((w) => w.length > 1).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (escaped.length === 0) return [text];
  const re = new RegExp(`(${escaped.join("|")})`, "gi");
  return text.split(re).map((part, i) => (i % 2 === 1 ? h("mark", {}, part) : part));
}

function stars(rating: number) {
  return h(
    "span",
    { class: "stars", "aria-label": `rated ${rating} of 5` },
    "★".repeat(rating) + "☆".repeat(5 - rating),
  );
}

export function askPanel(a: Analysis) {
  const { answer, similar } = state.ask;
  const question = h("input", {
    id: "ask-input",
    type: "text",
    placeholder: "Ask about this candidate, e.g. “Has she led a team?”",
    "aria-label": "Question about this candidate",
    value: state.ask.question,
  });
  question.addEventListener("input", () => {
    state.ask.question = question.value;
  });
  const form = h(
    "form",
    { class: "ask-form" },
    question,
    h("button", { type: "submit", class: "primary", id: "ask-submit" }, "Ask"),
  );
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const [answer, similar] = await Promise.all([
      attempt(() => api.askQuestion(a.id, question.value)),
      attempt(() => api.similarFeedback(question.value)),
    ]);
    if (!answer || state.analysis.detail?.id !== a.id) return;
    update("ask", {
      answer,
      question: answer.question,
      similar: (similar ?? []).filter((hit) => hit.similarity >= SIMILAR_FEEDBACK_MIN).slice(0, 3),
    });
    document.getElementById("answer")?.scrollIntoView({ block: "nearest" });
  });
  const shown = answer && answer.analysis_id === a.id ? answer : null;
  const feedback = state.analysis.feedback;
  return h(
    "section",
    { class: "ask", id: "ask-section", "aria-label": "Questions and feedback" },
    h("h3", {}, `Ask about this candidate (${a.feedback_count} rated so far)`),
    form,
    shown ? answerView(a, shown) : null,
    shown && similar.length ? similarView(similar) : null,
    feedback.length
      ? h(
          "ul",
          { class: "feedback-list", id: "feedback-list" },
          ...feedback.map((f) =>
            h(
              "li",
              {},
              stars(f.rating),
              h("strong", {}, f.question),
              " ",
              h(
                "button",
                {
                  type: "button",
                  class: "link",
                  title: "Ask this question again and rate the new answer",
                  onclick: () => {
                    state.ask.question = f.question;
                    question.value = f.question;
                    form.requestSubmit();
                  },
                },
                "Reopen",
              ),
              f.correction ? h("div", { class: "muted" }, `Correct answer: ${f.correction}`) : null,
            ),
          ),
        )
      : null,
  );
}

/** Earlier feedback on similar questions, from the local vector index. */
function similarView(hits: FeedbackHit[]) {
  return h(
    "section",
    { class: "similar", id: "similar-feedback", "aria-label": "Feedback on similar questions" },
    h("h4", {}, "You rated answers to similar questions before"),
    h(
      "ul",
      { class: "feedback-list" },
      ...hits.map((hit) =>
        h(
          "li",
          {},
          stars(hit.feedback.rating),
          h("strong", {}, hit.feedback.question),
          h("span", { class: "muted" }, ` · ${jobLabel(hit.feedback.job_id)} · ${formatDate(hit.feedback.created_at)}`),
          hit.feedback.correction ? h("div", { class: "muted" }, `Correct answer: ${hit.feedback.correction}`) : null,
          hit.feedback.comment ? h("div", { class: "muted" }, `Comment: ${hit.feedback.comment}`) : null,
        ),
      ),
    ),
  );
}

function answerView(a: Analysis, answer: Answer) {
  const answerText = answer.passages.map((p) => p.text).join("\n");
  let rating = 0;
  const group = h("div", { class: "rating", role: "radiogroup", "aria-label": "Rate this answer" });
  const paint = () => {
    group.querySelectorAll("button").forEach((b, i) => {
      b.textContent = i < rating ? "★" : "☆";
      b.setAttribute("aria-checked", String(i + 1 === rating));
    });
  };
  for (let i = 1; i <= 5; i++) {
    group.append(
      h("button", {
        type: "button",
        role: "radio",
        class: "star",
        "data-rating": i,
        "aria-label": `${i} of 5`,
        onclick: () => {
          rating = i;
          paint();
        },
      }),
    );
  }
  paint();
  const correction = h("textarea", {
    id: "feedback-correction",
    rows: 2,
    placeholder: "The correct answer (optional)",
  });
  const comment = h("input", { id: "feedback-comment", type: "text", placeholder: "Comment (optional)" });
  const save = h("button", { type: "button", class: "primary", id: "feedback-save" }, "Save feedback");
  save.addEventListener("click", async () => {
    if (rating === 0) {
      toast("Pick a rating from 1 to 5 first.", "error");
      return;
    }
    const saved = await command(
      () =>
        api.addFeedback({
          analysis_id: a.id,
          question: answer.question,
          answer: answerText,
          rating,
          correction: correction.value || null,
          comment: comment.value || null,
        }),
      ["feedback", "analysis", "stats"],
    );
    if (!saved) return;
    toast("Feedback saved");
    update("ask", { answer: null, similar: [], question: "" });
    // The rated answer is gone; the keyboard goes to the next question, the pane stays put.
    document.getElementById("ask-input")?.focus({ preventScroll: true });
  });
  return h(
    "div",
    { class: "answer", id: "answer" },
    answer.passages.length === 0
      ? h("p", { class: "muted" }, "Nothing in this resume matches the question.")
      : h(
          "ol",
          { class: "passages" },
          ...answer.passages.map((p) =>
            h(
              "li",
              {},
              h("span", { class: "sim" }, p.score.toFixed(2)),
              h("span", {}, ...highlighted(p.text, p.matched)),
            ),
          ),
        ),
    h("div", { class: "rate-row" }, h("span", {}, "How good is this answer?"), group),
    correction,
    comment,
    h("div", { class: "actions" }, save),
  );
}

/** A new answer (or none): only this section is drawn again. */
subscribe(["ask"], () => {
  const old = document.getElementById("ask-section");
  const a = state.analysis.detail;
  if (old && a) replacePart(old, askPanel(a));
});
