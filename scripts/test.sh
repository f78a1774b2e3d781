#!/usr/bin/env bash
# Runs every check of the project: formatting, lints, Rust tests (unit, integration, doc,
# fixtures, property tests, hostile input), the npm package with its parity and browser tests,
# a short fuzzing pass and a benchmark smoke run. Installs what a fresh machine lacks and
# skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s ==\n' "$*"; }

step "set-up"
command -v cargo >/dev/null || { echo "cargo is required (rustup) / 需要 cargo (rustup)" >&2; exit 2; }
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
# wasm target (or Debian's rustc-web), wasm-bindgen-cli, Chromium for the browser test.
scripts/setup-wasm.sh

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

for extra in scripts/test-js.sh scripts/fuzz-smoke.sh scripts/bench-smoke.sh; do
  if [ -x "$extra" ]; then
    step "$extra"
    "$extra"
  fi
done

step "all checks passed / 全部检查通过"
