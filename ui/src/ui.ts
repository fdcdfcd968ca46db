// Helpers every view uses: messages, error handling, and replacing a part of the page while
// its scroll position and keyboard focus stay where they were.
import { errorMessage } from "./api";
import { h } from "./dom";

let toastTimer = 0;

/** A short message at the bottom of the window (an error in red). */
export function toast(message: string, kind: "info" | "error" = "info") {
  const el = document.getElementById("toast");
  if (!el) return;
  el.textContent = message;
  el.className = `show ${kind}`;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => {
    el.className = "";
  }, 5000);
}

/** Runs `work`; a failure is shown as its one human message and gives `undefined`. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (e) {
    toast(errorMessage(e), "error");
    return undefined;
  }
}

/**
 * Replaces `old` (a part of a view) with `next`, keeping the scroll position of the pane it
 * is in and, when the keyboard was inside it, the focus on the element of the same id (with
 * the caret where it was).
 */
export function replacePart(old: Element, next: HTMLElement) {
  if (old === next) return;
  const pane = old.closest<HTMLElement>(".pane, .storage");
  const top = pane?.scrollTop ?? 0;
  const active = document.activeElement;
  const kept = active instanceof HTMLElement && active.id && old.contains(active) ? active : null;
  old.replaceWith(next);
  if (pane) pane.scrollTop = top;
  if (kept) refocus(kept);
}

/** Replaces the children of `el`, keeping its scroll position and the keyboard focus. */
export function fill(el: HTMLElement, ...children: (Node | null)[]) {
  const top = el.scrollTop;
  const active = document.activeElement;
  const kept = active instanceof HTMLElement && active.id && el.contains(active) ? active : null;
  el.replaceChildren(...children.filter((c): c is Node => c !== null));
  el.scrollTop = top;
  if (kept) refocus(kept);
}

function refocus(kept: HTMLElement) {
  const again = document.getElementById(kept.id);
  if (!again || again === kept) return;
  again.focus({ preventScroll: true });
  if (
    (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement) &&
    (kept instanceof HTMLInputElement || kept instanceof HTMLTextAreaElement)
  ) {
    again.setSelectionRange(kept.selectionStart, kept.selectionEnd);
  }
}

/** Scrolls the element with `id` into the middle of its pane and gives it keyboard focus (a
 * question that appears in place of its button, possibly below the fold). */
export function focusInView(id: string) {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: "center" });
  el?.focus();
}

export function emptyState(title: string, body: string, ...actions: HTMLElement[]) {
  return h(
    "div",
    { class: "empty", "data-testid": "empty-state" },
    h("h2", {}, title),
    h("p", {}, body),
    h("div", { class: "actions" }, ...actions),
  );
}

/** Scrolls the pane of `el` just enough to show all of it below the pane's sticky head. */
export function reveal(el: HTMLElement) {
  const pane = el.closest<HTMLElement>(".pane");
  if (!pane) {
    el.scrollIntoView({ block: "nearest" });
    return;
  }
  const head = pane.querySelector<HTMLElement>(":scope > .pane-head");
  const box = pane.getBoundingClientRect();
  const top = box.top + (head?.offsetHeight ?? 0);
  const r = el.getBoundingClientRect();
  if (r.top < top) pane.scrollTop -= top - r.top + 4;
  else if (r.bottom > box.bottom) pane.scrollTop += r.bottom - box.bottom + 4;
}
