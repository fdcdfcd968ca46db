#!/bin/bash
# kill -9 during `shortlist restore` at random moments; after each, the next command must see
# either the old data or the backup's, never an empty store, and no leftovers once it ran.
set -u
BIN=${SHORTLIST_BIN:-${CARGO_TARGET_DIR:-target}/debug/shortlist}
cd "$(dirname "$0")/../.."
D=$(mktemp -d)
S() { "$BIN" --data-dir "$D/data" "$@"; }
S import tests/fixtures/eval/resumes > /dev/null
S backup "$D/b.tar" > /dev/null
base_jobs=$(S --json stats | python3 -c 'import json,sys; print(json.load(sys.stdin)["jobs"])')
old=0; new=0; bad=0; left=0; staged=0; journal=0; nodata=0
N=${N:-40}
for i in $(seq 1 $N); do
  S job add --company "T$i" --role R --description D > /dev/null
  "$BIN" --data-dir "$D/data" restore "$D/b.tar" > /dev/null 2>&1 & pid=$!
  sleep 0.$(printf "%03d" $((RANDOM % ${MAXMS:-200})))
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  ls -a "$D" | grep -q -E '\.data\.restore-' && staged=$((staged+1))
  ls -a "$D" | grep -q -E 'restoring\.json$' && journal=$((journal+1))
  [ -d "$D/data" ] || nodata=$((nodata+1))
  read resumes jobs < <(S --json stats | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["resumes"], d["jobs"])')
  if [ "$resumes" = 14 ] && [ "$jobs" = "$base_jobs" ]; then new=$((new+1));
  elif [ "$resumes" = 14 ] && [ "$jobs" -gt "$base_jobs" ]; then old=$((old+1));
  else bad=$((bad+1)); echo "trial $i: resumes=$resumes jobs=$jobs"; fi
  n=$(ls -a "$D" | grep -c -E '\.data\.restore-|restoring\.json|shortlist-partial')
  [ "$n" != 0 ] && { left=$((left+1)); echo "trial $i left:"; ls -a "$D" | grep -E "\.data\.restore-|restoring\.json|shortlist-partial"; }
done
echo "kills=$N killed_with_staging_copy=$staged killed_with_journal=$journal killed_with_no_data_folder=$nodata old_data=$old restored=$new bad=$bad leftovers_after_next_command=$left asides=$(ls -d $D/data.before-restore-* | wc -l)"
rm -rf "$D"
