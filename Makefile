# Shortlist: the two commands of the README, and their parts.
#   make run    install what is missing, build, open the app
#   make test   install what is missing, then fmt, clippy, UI type check and every test
SHELL := /bin/bash
export SHORTLIST_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/shortlist
CACHE := $(SHORTLIST_CACHE)
# Build artefacts live outside the clone so a fresh clone reuses compiled dependencies.
export CARGO_TARGET_DIR ?= $(CACHE)/target
export CARGO_TERM_COLOR ?= never
APP := $(CARGO_TARGET_DIR)/debug/shortlist-app

.PHONY: run test deps deps-test assets ui app lint check unit fuzz e2e deb bindings clean-data bench

run: deps ui
	cargo build -p shortlist-app --features custom-protocol
	$(APP)

# Incremental compilation is off for the test run: a cached target dir shared by many clones
# once linked a test against a stale incremental object ("undefined hidden symbol", rustc bug).
test: export CARGO_INCREMENTAL = 0
test: deps-test
	@start=$$(date +%s); \
	for step in lint unit fuzz e2e; do \
	  t=$$(date +%s); \
	  $(MAKE) --no-print-directory $$step || exit 1; \
	  echo "make test: $$step took $$(( $$(date +%s) - t )) s"; \
	done; \
	echo "make test: all green in $$(( $$(date +%s) - start )) s"

deps:
	scripts/bootstrap.sh

deps-test:
	scripts/bootstrap.sh --test

assets:
	python3 scripts/fetch-assets.py --cache $(CACHE)/wheels

# The UI is built again only when one of its sources is newer than the build, so an unchanged
# UI keeps ui/dist's times and the shell that embeds it is not compiled again.
UI_SOURCES := $(shell find ui/src ui/index.html ui/package.json ui/package-lock.json ui/tsconfig.json ui/vite.config.ts -type f 2>/dev/null)
ui: ui/dist/index.html
ui/dist/index.html: $(UI_SOURCES)
	cd ui && npm run --silent build
	@touch $@

# Static checks. Clippy covers the shell too, which embeds ui/dist, so the UI is built first.
# The UI's check is tsc and Biome (format and lint, ui/biome.json; `npm run format` fixes).
lint: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run --silent check

# Core and CLI tests: no window, no Tauri.
unit:
	cargo test --locked -p shortlist-core -p shortlist-cli

# Rewrites ui/src/bindings.ts from the Rust types (the unit tests fail while it is stale).
bindings:
	SHORTLIST_WRITE_BINDINGS=1 cargo test --locked -p shortlist-core --test it bindings

# The parsers under cargo-fuzz, 15 s a target (FUZZ_SECONDS=600 make fuzz for a long run).
fuzz:
	scripts/fuzz.sh

# The built app under Xvfb, driven by WebDriver (tauri-driver + WebKitWebDriver). The debug
# build is packaged as a .deb and unpacked; the drop test drives the unpacked package.
INSTALLED := $(CACHE)/installed
e2e: ui
	set -o pipefail; deb=$$(scripts/package.sh --debug | tail -n 1) && rm -rf $(INSTALLED) && dpkg-deb -x "$$deb" $(INSTALLED)
	SHORTLIST_APP=$(APP) SHORTLIST_INSTALLED_APP=$(INSTALLED)/usr/bin/shortlist-app \
	  TAURI_DRIVER=$(CACHE)/tools/bin/tauri-driver \
	  xvfb-run -a -s "-screen 0 1600x900x24" cargo test --locked -p shortlist-e2e -- --test-threads=1

# The installer: a release build bundled as a .deb by the Tauri CLI (prints its path).
deb: deps ui
	scripts/package.sh

# Benchmarks beside the Python reference stack (not part of `make test`; see README, Performance).
bench:
	scripts/bench.sh
