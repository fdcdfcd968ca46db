#!/usr/bin/env python3
"""Mirror this checkout into one fixed folder under the cache, and print that folder.

    scripts/ci-sync.py [--dest DIR]     (default: $SHORTLIST_CACHE/ci/shortlist)

Why: CI clones the repository at a new path for every run. Cargo decides what to rebuild by
file times and by paths, so in a new clone every workspace crate looks changed and is built
again (several minutes on two cores), and paths that `env!("CARGO_MANIFEST_DIR")` put into a
binary would point into an older clone. `.ci/run` therefore runs the tests in a mirror that
always lives at the same path, like a developer's long-lived checkout:

- a tracked file whose bytes are unchanged is left alone (its time stays, Cargo sees it fresh);
- a changed or new file is written anew (a new time, so Cargo rebuilds what reads it);
- a file the previous run mirrored but this checkout no longer tracks is deleted;
- whatever the build made in the mirror (ui/node_modules, ui/dist, artifacts) stays.

Correctness needs nothing else: the mirror is only ever changed by this script, which writes
every file whose content differs, so Cargo's own checks stay right. The `shared/` folder beside
the checkout is linked beside the mirror.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ".ci-mirrored"


def tracked(root: Path) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached"],
        check=True,
        capture_output=True,
    ).stdout
    return [p for p in out.decode("utf-8", "surrogateescape").split("\0") if p]


def same(src: Path, dst: Path) -> bool:
    """Whether `dst` already is what `src` is: same kind, bytes, link target and mode bits."""
    if src.is_symlink() or dst.is_symlink():
        return src.is_symlink() and dst.is_symlink() and os.readlink(src) == os.readlink(dst)
    if not dst.is_file():
        return False
    s, d = src.stat(), dst.stat()
    if s.st_size != d.st_size or (s.st_mode & 0o111) != (d.st_mode & 0o111):
        return False
    with open(src, "rb") as a, open(dst, "rb") as b:
        while True:
            x, y = a.read(1 << 20), b.read(1 << 20)
            if x != y:
                return False
            if not x:
                return True


def write(src: Path, dst: Path) -> None:
    if dst.is_symlink() or dst.is_file():
        dst.unlink()
    elif dst.is_dir():
        shutil.rmtree(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
    else:
        shutil.copyfile(src, dst)  # a new file: a new time
        os.chmod(dst, src.stat().st_mode & 0o777)


def main() -> int:
    cache = Path(
        os.environ.get("SHORTLIST_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "shortlist"
    )
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dest", type=Path, default=cache / "ci" / "shortlist")
    args = ap.parse_args()
    dest: Path = args.dest.resolve()
    if dest == ROOT or ROOT in dest.parents:
        print(f"ci-sync: {dest} is inside the checkout", file=sys.stderr)
        return 2
    dest.mkdir(parents=True, exist_ok=True)

    files = tracked(ROOT)
    before = set()
    manifest = dest / MANIFEST
    if manifest.is_file():
        before = set(manifest.read_text("utf-8", "surrogateescape").split("\0")) - {""}
    written = 0
    for rel in files:
        src, dst = ROOT / rel, dest / rel
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the working tree but not yet from the index
        if not same(src, dst):
            write(src, dst)
            written += 1
    now = set(files)
    removed = 0
    for rel in sorted(before - now, reverse=True):
        p = dest / rel
        if p.is_symlink() or p.is_file():
            p.unlink()
            removed += 1
        # Folders left empty go too (Cargo finds tests and benches by folder).
        parent = p.parent
        while parent != dest and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    tmp = manifest.with_suffix(".tmp")
    tmp.write_text("\0".join(files), "utf-8", "surrogateescape")
    tmp.replace(manifest)

    shared = ROOT.parent / "shared"
    link = dest.parent / "shared"
    if shared.exists():
        target = str(shared.resolve())
        if not link.is_symlink() or os.readlink(link) != target:
            if link.is_symlink() or link.exists():
                link.unlink()
            link.symlink_to(target)
    print(
        f"ci-sync: {len(files)} files, {written} written, {removed} removed -> {dest}",
        file=sys.stderr,
    )
    print(dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
