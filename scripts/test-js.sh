#!/usr/bin/env bash
# Builds the npm package (scripts/build-pkg.sh) and runs every JavaScript test:
#   pkg/test/api.test.mjs       the API in Node, bad calls followed by good ones; free(), errors,
#                               what the package exports
#   pkg/test/pack.test.mjs      npm pack -> install in a fresh project -> ESM, CommonJS, tsc
#   pkg/test/parity.test.mjs    every fixture case and bad input: same output as the CLI
#   pkg/test/packed.test.mjs    listing objects without JSON text: same answers as with it
#   pkg/test/packed-writer.test.mjs  the generated writer writes what pack() writes (no wasm needed)
#   pkg/test/web-build.test.mjs the browser build's bundle in Node: names, exports, answers
#   pkg/test/size.test.mjs      the browser build within its 225 KB gzipped budget
#   pkg/test/bin.test.mjs       the package's shelfcheck command: same output as the CLI
#   pkg/test/shards.test.mjs    the shard loader (index, hash check, freeing)
#   pkg/test/title.test.mjs     the title counter counts as TITLE_TOO_LONG does
#   pkg/test/readme.test.mjs    the README's examples print what they say
#   pkg/test/bundlers.test.mjs  esbuild, Vite and webpack builds validate in Chromium
#   examples/web-form/e2e.test.mjs   the seller form in headless Chromium
# after a short run of the benchmark script (pkg/bench/bench.mjs --quick) to keep it working.
#
# Needs the tools of scripts/setup-wasm.sh. The CLI for the parity test is $SHELFCHECK_BIN,
# else it is built here (cargo, default target directory). Under CI=true a missing Chromium
# is an error instead of a skipped test.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf '[test-js] %s\n' "$*"; }

if [ -n "${CI:-}" ] && [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "[test-js] error / 错误: no Chromium for the browser test; run scripts/setup-wasm.sh / 缺少 Chromium, 请先运行 scripts/setup-wasm.sh" >&2
  exit 1
fi

scripts/build-pkg.sh

if [ -z "${SHELFCHECK_BIN:-}" ]; then
  log "building the CLI for the parity test / 构建 CLI 以比对输出"
  cargo build -q -p shelfcheck --bin shelfcheck
  SHELFCHECK_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/shelfcheck"
fi
export SHELFCHECK_BIN

# The benchmark first, so that the test runner's summary closes the output.
log "benchmark smoke run / 基准脚本试运行"
node pkg/bench/bench.mjs --quick

log "node tests / Node 测试"
node --test pkg/test/ examples/web-form/
