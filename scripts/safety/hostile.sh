#!/bin/bash
# Hostile backups against the CLI's restore: time, peak RSS, bytes written, outcome.
set -u
BIN=${SHORTLIST_BIN:-${CARGO_TARGET_DIR:-target}/debug/shortlist}
cd "$(dirname "$0")/../.."
D=$(mktemp -d)
S() { "$BIN" --data-dir "$D/data" "$@"; }
S import tests/fixtures/pdfs/good > /dev/null
S backup "$D/good.tar" > /dev/null
mkdir -p "$D/x" && tar -xf "$D/good.tar" -C "$D/x"
# 1: a sparse 4 GB manifest.json (GNU sparse entry, the archive is ~10 KB)
mkdir -p "$D/m" && truncate -s 4G "$D/m/manifest.json"
(cd "$D/m" && tar --sparse --format=gnu -cf "$D/sparse-manifest.tar" manifest.json)
# 2: a sparse 3 GB data.mdb whose manifest lists its true size
mkdir -p "$D/s" && cp -r "$D/x/blobs" "$D/s/" && truncate -s 3G "$D/s/data.mdb"
python3 - "$D" <<'PY'
import json, sys, hashlib
d = sys.argv[1]
m = json.load(open(f"{d}/x/manifest.json"))
for f in m["files"]:
    if f["path"] == "data.mdb":
        f["size"] = 3 << 30
        f["sha256"] = "0" * 64
json.dump(m, open(f"{d}/s/manifest.json", "w"))
PY
(cd "$D/s" && tar --sparse --format=gnu -cf "$D/sparse-db.tar" manifest.json data.mdb blobs)
# 3: a FIFO
mkfifo "$D/fifo.tar"
for a in sparse-manifest.tar sparse-db.tar fifo.tar; do
  before=$(df --output=used -B1 "$D" | tail -1)
  out=$( { /usr/bin/time -f "%e s, max RSS %M KB" timeout 60 "$BIN" --data-dir "$D/data" restore "$D/$a"; echo "exit $?"; } 2>&1 | tr '\n' ' ')
  after=$(df --output=used -B1 "$D" | tail -1)
  echo "$a ($(stat -c %s "$D/$a") bytes): $out; disk used +$(( (after - before) / 1048576 )) MB"
done
S --json stats | python3 -c 'import json,sys; d=json.load(sys.stdin); print("after: resumes", d["resumes"])'
ls -a "$D" | grep -E 'restore|restoring' || echo "no leftovers beside the data folder"
rm -rf "$D"
