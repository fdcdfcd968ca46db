#!/bin/bash
# kill -9 during `shortlist erase` at random moments; after the next command, either the
# candidate is still there (the erasure did not commit) or nothing of her is in any file.
set -u
BIN=${SHORTLIST_BIN:-${CARGO_TARGET_DIR:-target}/debug/shortlist}
cd "$(dirname "$0")/../.."
D=$(mktemp -d)
S() { "$BIN" --data-dir "$D/data" "$@"; }
S import tests/fixtures/eval/resumes > /dev/null
kept=0; erased_clean=0; bad=0; marker=0
N=${N:-40}
for i in $(seq 1 $N); do
  id=$(S --json import tests/fixtures/pdfs/good/carol_nguyen.pdf | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["resume_id"])')
  "$BIN" --data-dir "$D/data" erase "$id" > /dev/null 2>&1 & pid=$!
  sleep 0.$(printf "%03d" $((RANDOM % ${MAXMS:-150})))
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  [ -e "$D/data/.compact-pending" ] && marker=$((marker+1))
  S stats > /dev/null
  if S resume show "$id" > /dev/null 2>&1; then kept=$((kept+1))
  elif grep -rlq "carol.nguyen@example.com" "$D/data"; then bad=$((bad+1)); echo "trial $i: erased but still in $(grep -rl carol.nguyen@example.com "$D/data")"
  else erased_clean=$((erased_clean+1)); fi
  S erase "$id" > /dev/null 2>&1 || true   # start the next trial without her
done
echo "kills=$N killed_with_compaction_due=$marker kept=$kept erased_and_clean=$erased_clean erased_but_traces=$bad"
rm -rf "$D"
