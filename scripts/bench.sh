#!/usr/bin/env bash
# make bench: every benchmark of Shortlist beside the reference stack, in one run, one table.
#   BENCH_RESUMES=200   generated two-page resumes to ingest
#   BENCH_OUT=DIR       where PDFs, stores and results go (default: $SHORTLIST_CACHE/bench)
# Installs what it needs (bootstrap, a venv for the reference stack from PyPI), builds release
# binaries, then: reference stack (bench/reference.py), `shortlist bench all`, and the app's
# start-up with the 10k-resume store under Xvfb. Prints numbers; never passes or fails on them.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="${SHORTLIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shortlist}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
OUT="${BENCH_OUT:-$CACHE/bench}"
N="${BENCH_RESUMES:-200}"
mkdir -p "$OUT"

scripts/bootstrap.sh --test

venv="$CACHE/venv-bench"
req_sha=$(sha256sum bench/requirements.txt | cut -d' ' -f1)
if [[ ! -x $venv/bin/python || "$(cat "$venv/.requirements-sha" 2>/dev/null)" != "$req_sha" ]]; then
  echo "bench: creating the reference stack's venv ($venv)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r bench/requirements.txt
  echo "$req_sha" > "$venv/.requirements-sha"
fi

pdfs="$OUT/pdfs-$N"
if [[ ! -f $pdfs/.done ]]; then
  echo "bench: writing $N resumes to $pdfs"
  rm -rf "$pdfs"
  "$venv/bin/python" bench/make-resumes.py "$pdfs" "$N"
  touch "$pdfs/.done"
fi

(cd ui && npm run --silent build)
cargo build --release --locked -p shortlist-cli -p shortlist-app --features shortlist-app/custom-protocol,shortlist-app/bench
bin="$CARGO_TARGET_DIR/release"

echo "bench: reference stack (Python)"
"$venv/bin/python" bench/reference.py --pdfs "$pdfs" --assets assets/runtime --out "$OUT" \
  --json "$OUT/reference.json" > "$OUT/reference.log"

echo "bench: Shortlist"
"$bin/shortlist" bench all --pdfs "$pdfs" --out "$OUT" --reference "$OUT/reference.json" \
  | tee "$OUT/table.txt"

# Library search: the passage index against an exact scan at 10k, 100k and 300k passages
# (the generated libraries are kept in $CARGO_TARGET_DIR/bench-library-search for the next run).
echo
echo "bench: library search (passage index vs exact scan)"
"$bin/shortlist" bench library-search | tee "$OUT/library-search.txt"

# The words half of library search (BM25 over every passage) at 10k resumes (300k passages).
echo
echo "bench: library search, words (10k resumes)"
"$bin/shortlist" bench library-words --resumes 10000 | tee "$OUT/library-words.txt"

# Start-up to first paint and idle memory, with the store `bench all` filled to 10k resumes.
# The app measures from the start of main() to the UI's first frame with data, waits idle,
# prints, and quits (SHORTLIST_BENCH_STARTUP).
echo
echo "start-up with $(ls "$OUT/store/blobs/pdf" | wc -l) resumes stored (release app, Xvfb), 5 runs:"
for i in 1 2 3 4 5; do
  SHORTLIST_DATA_DIR="$OUT/store" SHORTLIST_BENCH_STARTUP=3 \
    xvfb-run -a -s "-screen 0 1600x900x24" "$bin/shortlist-app" 2>/dev/null | grep first_paint_ms
done | tee "$OUT/startup.txt" | python3 -c '
import statistics, sys
runs = [dict(kv.split("=") for kv in line.split()) for line in sys.stdin if "=" in line]
med = lambda k: statistics.median(float(r[k]) for r in runs)
paint, app, web = med("first_paint_ms"), med("idle_rss_kb") / 1024, med("children_rss_kb") / 1024
anon = med("idle_anon_kb") / 1024
lo = min(float(r["first_paint_ms"]) for r in runs)
hi = max(float(r["first_paint_ms"]) for r in runs)
print(f"first paint: median {paint:.0f} ms, {lo:.0f}-{hi:.0f} ms ({len(runs)} runs)")
print(f"idle RSS (medians): app {app:.0f} MB, of it private (anonymous) {anon:.0f} MB, the rest mapped files")
print(f"  (libraries, and the database pages the start touched); the web view processes (WebKit) {web:.0f} MB more")
'
echo "results: $OUT (reference.json, shortlist.json, table.txt, startup.txt)"
