// Storage: counts and sizes, charts of scores and ratings, exports, backup and restore.
import { api } from "../api";
import { formatBytes, formatDate, h } from "../dom";
import { currentJob, state, subscribe, update } from "../store";
import { count } from "../text";
import { attempt, emptyState, fill, focusInView, toast } from "../ui";

export const root = h("section", { class: "storage" });

/** A labelled bar chart drawn with DOM elements (no canvas, no library). */
function barChart(id: string, title: string, bars: [string, number][]) {
  const max = Math.max(1, ...bars.map(([, v]) => v));
  return h(
    "figure",
    { class: "chart", id, "aria-label": title },
    h("figcaption", {}, title),
    h(
      "div",
      { class: "bars" },
      ...bars.map(([label, value]) => {
        const fill = h("div", { class: "bar-fill" });
        fill.style.height = `${Math.round((value / max) * 100)}%`;
        return h(
          "div",
          { class: "bar", title: `${label}: ${value}` },
          h("div", { class: "bar-value" }, String(value)),
          h("div", { class: "bar-track" }, fill),
          h("div", { class: "bar-label" }, label),
        );
      }),
    ),
  );
}

function chartsRow() {
  const fs = state.storage.feedbackStats;
  const ranked = state.shortlist.ranked;
  const charts: HTMLElement[] = [];
  const job = currentJob();
  if (job && ranked.length) {
    const buckets: [string, number][] = Array.from({ length: 10 }, (_, i) => [`${i * 10}`, 0]);
    for (const a of ranked) {
      const bucket = buckets[Math.min(9, Math.floor(a.score / 10))];
      if (bucket) bucket[1] += 1;
    }
    charts.push(barChart("chart-scores", `Scores for ${job.role}`, buckets));
  }
  if (fs && fs.total > 0) {
    charts.push(
      barChart(
        "chart-ratings",
        `Ratings (average ${fs.average?.toFixed(2) ?? "—"})`,
        fs.by_rating.map((n, i) => [`${i + 1}★`, n]),
      ),
    );
    charts.push(
      barChart(
        "chart-days",
        "Feedback per day",
        fs.per_day.slice(-14).map(([d, n]) => [d.slice(5), n]),
      ),
    );
  }
  return charts.length ? h("div", { class: "charts" }, ...charts) : null;
}

function restoreConfirm() {
  const c = state.storage.restoreChoice;
  if (!c) return null;
  const m = c.manifest;
  return h(
    "div",
    { class: "confirm", role: "alertdialog", "aria-label": "Confirm restore" },
    h(
      "p",
      {},
      `Restore the backup of ${formatDate(m.created_at)}: ${count(m.resumes, "resume")} and ${count(m.jobs, "job")}? It replaces what Shortlist holds now; the current data is kept beside the data folder. Shortlist restarts to do it.`,
    ),
    h("p", { class: "muted small" }, c.path),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        { type: "button", class: "primary", id: "restore-confirm", onclick: () => restoreBackup(c.path) },
        "Restore and restart",
      ),
      h(
        "button",
        { type: "button", id: "restore-cancel", onclick: () => update("storage", { restoreChoice: null }) },
        "Cancel",
      ),
    ),
  );
}

async function chooseBackup() {
  const choice = await attempt(() => api.chooseBackup());
  if (choice) {
    update("storage", { restoreChoice: choice });
    // The question appears below the buttons: bring it into view, keyboard focus on "Cancel".
    focusInView("restore-cancel");
  }
}

async function restoreBackup(path: string) {
  await attempt(() => api.restoreBackup(path));
  toast("Restoring… Shortlist restarts.");
}

async function backupNow() {
  const path = await attempt(() => api.backupToFile());
  if (path) toast(`Backup saved to ${path}`);
}

async function exportFeedback(kind: "csv" | "training") {
  const path = await attempt(() => api.exportFeedback(kind));
  if (path) toast(`Saved ${path}`);
}

function render() {
  const s = state.storage.stats;
  if (!s) {
    fill(root, emptyState("Storage unavailable", "The statistics could not be read."));
    return;
  }
  const card = (label: string, value: string, id: string) =>
    h("div", { class: "card" }, h("div", { class: "card-value", id }, value), h("div", { class: "card-label" }, label));
  const row = (label: string, ...value: (Node | string)[]) => h("tr", {}, h("th", {}, label), h("td", {}, ...value));
  fill(
    root,
    h("h1", {}, "Storage"),
    h(
      "div",
      { class: "cards" },
      card("jobs", String(s.jobs), "stat-jobs"),
      card("resumes", String(s.resumes), "stat-resumes"),
      card("analyses", String(s.analyses), "stat-analyses"),
      card("feedback records", String(s.feedback), "stat-feedback"),
    ),
    h(
      "table",
      { class: "table compact" },
      h(
        "tbody",
        {},
        row("Database", formatBytes(s.database_bytes)),
        row("Resume PDFs", formatBytes(s.pdf_bytes)),
        row("Resume Word files", formatBytes(s.docx_bytes)),
        row("Extracted text", formatBytes(s.text_bytes)),
        h(
          "tr",
          {},
          h("th", {}, "Total"),
          h("td", { id: "stat-total" }, formatBytes(s.database_bytes + s.pdf_bytes + s.docx_bytes + s.text_bytes)),
        ),
        row("Data folder", h("code", { id: "stat-dir" }, s.data_dir)),
        row("Data format", `version ${s.schema_version} (how the data folder is laid out; upgraded automatically)`),
        s.disk_free_bytes !== null && s.disk_total_bytes
          ? h(
              "tr",
              {},
              h("th", {}, "Free disk"),
              h(
                "td",
                { id: "stat-disk" },
                `${formatBytes(s.disk_free_bytes)} of ${formatBytes(s.disk_total_bytes)}`,
                s.disk_free_bytes * 10 < s.disk_total_bytes
                  ? h("span", { class: "warn" }, " — the disk is over 90 % full; imports may fail")
                  : null,
              ),
            )
          : null,
      ),
    ),
    chartsRow(),
    h("h2", {}, "Feedback"),
    h(
      "p",
      { class: "muted" },
      `${count(s.feedback, "rated answer")}. Export them for analysis or as training data to teach a local language model your judgement (a LoRA fine-tune: a small add-on trained on your ratings of 4 and 5, with your corrections, and your stage decisions).`,
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "export-csv", onclick: () => exportFeedback("csv") }, "Export feedback (CSV)…"),
      h(
        "button",
        { type: "button", id: "export-training", onclick: () => exportFeedback("training") },
        "Export training data (JSONL)…",
      ),
    ),
    h("h2", {}, "Backup"),
    h(
      "p",
      { class: "muted" },
      "Everything stays on this computer. A backup is one file with the database and every resume file (PDF or Word); every file in it is checked by SHA-256 before a restore replaces anything.",
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "backup", onclick: backupNow }, "Back up to a file…"),
      h("button", { type: "button", id: "restore", onclick: chooseBackup }, "Restore from a backup…"),
    ),
    restoreConfirm(),
  );
}

subscribe(["storage", "shortlist", "jobs"], render);
render();
