// What several views do: score resumes, pin a candidate for comparison, show a view. Each
// command names the tags it changes; the store loads again what is shown of them.
import { type Analysis, api } from "./api";
import { command, currentJob, selectAnalysis, state, update, type View } from "./store";
import { toast } from "./ui";
import { jobLabel, resumeCount } from "./views/parts";

/** Shows `view` (main.ts switches the tabs when the store's view changes). */
export function showView(view: View) {
  update("app", { view });
}

export function analyzeLabel() {
  const a = state.shortlist.analyzing;
  return a ? `Analysing ${a.done} of ${a.total}…` : "Analyse all resumes";
}

/** Scores every stored resume against the current job; the list and the open analysis follow. */
export async function analyzeAll() {
  const job = currentJob();
  if (!job || state.shortlist.analyzing) return;
  update("shortlist", { analyzing: { done: 0, total: resumeCount() } });
  const report = await command(
    () =>
      api.analyzeAll(job.id, (p) => {
        // Progress repaints the button only.
        state.shortlist.analyzing = p;
        const btn = document.getElementById("analyze-all");
        if (btn) btn.textContent = analyzeLabel();
      }),
    ["shortlist", "analysis", "resumes", "stats", "jobs"],
  );
  update("shortlist", { analyzing: null });
  if (report)
    toast(`${report.analysed} resumes scored${report.failed.length ? `, ${report.failed.length} failed` : ""}`);
}

/** Scores a stored resume against a job (no re-upload) and opens the result in the shortlist. */
export async function scoreResume(jobId: string, resumeId: string, key = resumeId) {
  update("shortlist", { scoring: key });
  const open = state.analysis.detail;
  const before = open?.resume_id === resumeId && open.job_id === jobId ? open.score : null;
  const a = await command(
    () => api.analyzeResume(jobId, resumeId),
    ["shortlist", "analysis", "resumes", "stats", "jobs"],
  );
  update("shortlist", { scoring: null });
  if (!a) return;
  toast(before === null ? `Scored ${a.score} for ${jobLabel(jobId)}` : `Re-analysed: ${before} → ${a.score}`);
  showView("shortlist");
  await selectAnalysis(a.id);
}

/** Pins `a` for a side-by-side comparison with the next candidate picked (null: unpin). */
export function pinForCompare(a: Analysis | null) {
  update("shortlist", { compareWith: a });
}
