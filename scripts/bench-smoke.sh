#!/usr/bin/env bash
# Quick benchmark smoke test, run by scripts/test.sh: builds `compare` and runs it in its short
# mode. It fails when shelfcheck and the JSON Schema validators disagree on a listing's
# verdict, or when the set-up breaks; timing targets are printed but not enforced, because a
# shared CI machine is too noisy for them (pass --enforce, or set SHELFCHECK_BENCH_ENFORCE=1,
# to enforce them anyway). The full runs are scripts/bench-compare.sh, bench-platform.sh and
# bench-batch.sh; their figures are in BENCHMARKS.md.
#
# 快速基准冒烟测试: 检查 shelfcheck 与 JSON Schema 校验器结论一致并打印倍数; 默认不因计时失败。
set -euo pipefail
cd "$(dirname "$0")/.."

flags=(--quick)
if [ "${1:-}" = "--enforce" ] || [ "${SHELFCHECK_BENCH_ENFORCE:-0}" = "1" ]; then
  flags+=(--enforce)
fi

cargo build --release --locked -q -p shelfcheck-bench --bin compare
target="${CARGO_TARGET_DIR:-target}"
exec "$target/release/compare" "${flags[@]}"
