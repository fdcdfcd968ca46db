#!/usr/bin/env bash
# Builds the app and its .deb with the Tauri bundler (the CLI from npm's @tauri-apps/cli).
#   scripts/package.sh            release build -> $CARGO_TARGET_DIR/release/bundle/deb/*.deb
#   scripts/package.sh --debug    debug build (what `make test` installs and drives)
# Prints the path of the .deb on its last line. Needs `make deps` (UI packages, runtime assets).
#
# Why the indirection: tauri.conf.json lives at the top of the repository and the Rust build
# (tauri-build, generate_context!) reads it there, resolving its paths against the top. The CLI
# instead wants the config beside the app's Cargo.toml (src-tauri/, hence the committed link
# src-tauri/tauri.conf.json -> ../tauri.conf.json) and resolves paths against src-tauri/. So
# cargo builds the binary and the CLI only bundles it (`tauri bundle`), with the relative paths
# rewritten for src-tauri/ and the runtime assets added as resources (they land in
# /usr/lib/Shortlist/assets, the app's resource folder).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release cargo_flags=(--release) bundle_flags=()
if [[ "${1:-}" == "--debug" ]]; then
  profile=debug cargo_flags=() bundle_flags=(--debug)
fi
: "${CARGO_TARGET_DIR:=target}"
export CARGO_TARGET_DIR

[[ -f ui/dist/index.html ]] || (cd ui && npm run --silent build)
cargo build --locked "${cargo_flags[@]}" -p shortlist-app --features custom-protocol

overrides="$CARGO_TARGET_DIR/$profile/bundle.conf.json"
python3 - "$overrides" <<'EOF'
import json, sys
conf = json.load(open("tauri.conf.json"))
up = lambda p: "../" + p
out = {
    "build": {"frontendDist": up(conf["build"]["frontendDist"])},
    "bundle": {
        "icon": [up(p) for p in conf["bundle"]["icon"]],
        "resources": {"../assets/runtime/*": "assets/"},
    },
}
json.dump(out, open(sys.argv[1], "w"), indent=2)
EOF

version=$(python3 -c 'import json; print(json.load(open("tauri.conf.json"))["version"])')
deb="$CARGO_TARGET_DIR/$profile/bundle/deb/Shortlist_${version}_amd64.deb"
rm -f "$deb"
# --no-binary-patching: the bundler would otherwise rewrite the binary cargo just built (it
# records the bundle type for the updater, which Shortlist does not use).
TAURI_APP_PATH=src-tauri TAURI_FRONTEND_PATH=ui CI=true ui/node_modules/.bin/tauri bundle \
  "${bundle_flags[@]}" --bundles deb --no-sign --no-binary-patching \
  --features custom-protocol --config "$overrides" >&2
[[ -f "$deb" ]] || { echo "package: the bundler did not write $deb" >&2; exit 1; }
echo "$deb"
