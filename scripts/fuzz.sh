#!/usr/bin/env bash
# Fuzzes Shortlist's parsers with cargo-fuzz (libFuzzer) for a bounded time per target.
#   scripts/fuzz.sh            15 s per target (what `make test` runs)
#   FUZZ_SECONDS=600 scripts/fuzz.sh     longer, on demand
# Targets (fuzz/fuzz_targets): jd_parse, resume_parse, legacy_records, ids, docx_read. Runs on the stable
# toolchain with `--sanitizer none` (Rust's own checks: panics, overflow in debug assertions),
# in the dev profile: an optimised build of the core and its dependencies took 7 minutes of a
# cold `make test` for 15 s of fuzzing per target.
# The corpus grows in $SHORTLIST_CACHE/fuzz-corpus; a crashing input is saved under
# fuzz/artifacts/<target>/ and the script fails, printing how to reproduce it.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="${SHORTLIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shortlist}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-15}"
export PATH="$CACHE/tools/bin:$PATH"
export CARGO_TARGET_DIR="$CACHE/fuzz-target"

if ! cargo fuzz --version 2>/dev/null | grep -q '0.13.2'; then
  echo "fuzz: installing cargo-fuzz 0.13.2 (crates.io) into $CACHE/tools"
  cargo install cargo-fuzz --version 0.13.2 --locked --root "$CACHE/tools" --quiet
fi

targets=(jd_parse resume_parse legacy_records ids docx_read)
(cd fuzz && cargo fuzz build --dev -s none)
for t in "${targets[@]}"; do
  corpus="$CACHE/fuzz-corpus/$t"
  mkdir -p "$corpus"
  # Seeds: the labelled set's job descriptions for the text parsers.
  if [[ $t == jd_parse || $t == resume_parse ]]; then
    cp -n tests/fixtures/eval/jobs/*.txt "$corpus/" 2>/dev/null || true
  fi
  # Seeds for the Word reader: the good fixtures and the small refusals (OLE containers,
  # macros, a DOCTYPE, no main part); the bombs and the huge ones are left out on purpose.
  if [[ $t == docx_read ]]; then
    cp -n tests/fixtures/docx/good/*.docx "$corpus/" 2>/dev/null || true
    for f in encrypted.docx legacy.doc macros.docm entities.docx missing-document.docx; do
      cp -n "tests/fixtures/docx/bad/$f" "$corpus/" 2>/dev/null || true
    done
  fi
  log=$(mktemp)
  if ! (cd fuzz && cargo fuzz run --dev -s none "$t" "$corpus" -- \
        -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1) > "$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t FAILED; the input is in fuzz/artifacts/$t/ (cargo fuzz run --dev -s none $t <file>)" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}')
  echo "fuzz: $t: ${runs:-?} inputs in ${SECONDS_PER_TARGET} s, no crash (corpus $(ls "$corpus" | wc -l) files)"
  rm -f "$log"
done
