# The two commands of the README: `make serve` and `make test`. Each first
# installs whatever is missing (scripts/setup.sh: quick when all is there).
SHELL := /bin/bash
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk's update check would call the network.
export TRUNK_SKIP_VERSION_CHECK := true

# How many random scenarios `make agree` compares (the README records 10,000).
N ?= 10000
SEED ?= 1

.PHONY: setup serve test dist bench scale agree record-corpus record-gallery lint native fuzz-ci wasm-lib component e2e guests budget fuzz clean verify-era verify-eras

setup:
	@bash scripts/setup.sh

serve: setup
	trunk serve --offline=true --address 127.0.0.1

# Then the same page as one file that works opened from file:// (a
# classroom machine with no server): offline/sigscope-offline.html, kept
# out of dist/ so that dist/ is the served bundle alone. Last, the served
# wasm is split in two: what the first paint runs, and the rest, loaded
# after it (scripts/split-wasm.mjs; the one-file page keeps it whole).
dist: setup
	trunk build --release --offline=true
	node scripts/one-file.mjs
	node scripts/split-wasm.mjs

# Every test: formatting, lints, native tests (the port's rule tests, the
# CLI, the differential tests against this machine's kernel), the port for
# wasm32, component tests in headless Chromium, the release build, the
# end-to-end tests that drive it, and last (the slowest, ~5 minutes) the
# corpus on the real kernel of every other era, in qemu guests.
test: setup lint native fuzz-ci wasm-lib component dist e2e guests

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p sigscope --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

# Tests that need root (the real-kernel runner's) are `#[ignore = "needs
# root"]`; as root, `native` runs them too. CI sets SIGSCOPE_REQUIRE_REAL=1
# (.ci/run): there, a run that would leave them out fails instead.
INCLUDE_IGNORED := $(if $(filter 0,$(shell id -u)),-- --include-ignored)

native:
	@if [ -z "$(INCLUDE_IGNORED)" ] && [ "$${SIGSCOPE_REQUIRE_REAL:-0}" != 0 ]; then \
	  echo "make native: SIGSCOPE_REQUIRE_REAL=1 but the real-kernel tests would not run (they need root; uid $$(id -u))" >&2; \
	  exit 1; \
	fi
	cargo test --workspace --locked $(INCLUDE_IGNORED)

# The port builds for the browser with no web dependency.
wasm-lib:
	cargo build -p sigsim --target wasm32-unknown-unknown --locked

component:
	cargo test -p sigscope --target wasm32-unknown-unknown --locked

e2e:
	bash e2e/run.sh

# Figures, not tests: the port's speed and the bundle's weight.
bench:
	cargo bench -p sigsim-cli --bench kill

# Figures at scale: the CLI on 10,000 processes (time, peak memory) and
# the page's replay of a kill(-1) over 8,000 (scripts/scale.sh).
scale: dist
	bash scripts/scale.sh

budget: dist
	bash scripts/budget.sh

# The hostile-input tests for a fixed time each (sigsim/tests/fuzz.rs:
# mutated scenarios through both readers, validate and the port;
# tests/fuzz_readers.rs: mutated links and autosaves), in release, each
# printing inputs tried, seconds and crashes: 0. `make test` gives each
# 60 s (`native` has already run them for a small fixed count); `make fuzz`
# is the longer run the README records, 300 s each by default
# (`make fuzz FUZZ_SECONDS=600`). A time rather than a count, so that CI
# costs the same on any machine.
fuzz-ci: FUZZ_SECONDS ?= 60
fuzz: FUZZ_SECONDS ?= 300
fuzz-ci fuzz:
	SIGSCOPE_FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test --release --locked -p sigsim --test fuzz -- --nocapture
	SIGSCOPE_FUZZ_SECONDS=$(FUZZ_SECONDS) cargo test --release --locked -p sigscope --test fuzz_readers -- --nocapture

# Compare N seeded random scenarios between the port and the real kernel
# (root, Linux); prints `agree N/N`.
agree:
	cargo run --release -q --bin sigsim -- random --real --seed $(SEED) --count $(N)

# Record every corpus scenario's outcome from the real kernel.
record-corpus:
	cargo build --release -q --bin sigsim
	for f in corpus/[0-9]*.json; do \
	  ./target/release/sigsim --real --runs 3 "$$f" > "$${f%.json}.outcome.json.tmp" \
	    && mv "$${f%.json}.outcome.json.tmp" "$${f%.json}.outcome.json" \
	    || { rm -f "$${f%.json}.outcome.json.tmp"; echo "no single outcome: $$f"; }; \
	done

# Record every gallery scenario's outcome from the real kernel (root):
# three agreeing runs, or no file and a message (a gallery scenario must
# have a single outcome: change it rather than leave it out).
record-gallery:
	cargo build --release -q --bin sigsim
	@status=0; for f in scenarios/*.json; do \
	  case "$$f" in *.outcome.json|scenarios/default.json) continue;; esac; \
	  "$${CARGO_TARGET_DIR:-target}/release/sigsim" --real --runs 3 "$$f" > "$${f%.json}.outcome.json.tmp" \
	    && mv "$${f%.json}.outcome.json.tmp" "$${f%.json}.outcome.json" \
	    || { rm -f "$${f%.json}.outcome.json.tmp"; echo "no single outcome: $$f"; status=1; }; \
	done; exit $$status

# Every scenario of DIR on a real kernel of era ERA (a Debian kernel
# package, fetched once into ~/.cache/sigscope/kernels) in a qemu guest,
# and on the port; the disagreements, then `agree N/M` (scripts/verify-era.sh).
# RANDOM=N plays N seeded random scenarios in the guest too (DIR=none: only those).
ERA ?= 6.1
DIR ?= corpus
RANDOM ?= 0
# The eras a guest can boot (Debian's archive serves their kernels).
GUEST_ERAS := 5.10 6.1 6.12 7.2
ERAS ?= $(GUEST_ERAS)

verify-era:
	@NEED_BROWSER=0 NEED_WASM=0 NEED_GUEST=1 bash scripts/setup.sh
	@VERIFY_RANDOM=$(RANDOM) bash scripts/verify-era.sh $(ERA) $(DIR)

# verify-era for every era in ERAS, then a table: era, release, agreement, time.
verify-eras:
	@NEED_BROWSER=0 NEED_WASM=0 NEED_GUEST=1 bash scripts/setup.sh
	@VERIFY_RANDOM=$(RANDOM) bash scripts/verify-eras.sh $(DIR) $(ERAS)

# `make test`'s guest step: verify-eras DIR=corpus on every era of
# GUEST_ERAS, each guest limited to 600 s; fails on any disagreement,
# missing kernel, failed or hung guest. Where guests cannot run (not Linux
# x86-64, no apt, no root for the tools) it says so and skips them — or,
# under SIGSCOPE_REQUIRE_REAL=1 (CI), fails (scripts/test-guests.sh).
guests:
	@bash scripts/test-guests.sh $(GUEST_ERAS)

clean:
	cargo clean
	rm -rf dist offline
