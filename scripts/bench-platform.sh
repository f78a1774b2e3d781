#!/usr/bin/env bash
# Platform scale: generates the synthetic full platform (10,000 leaf categories, ~520,000
# values), compiles it to the binary form with `shelfcheck snapshot compile`, and measures the
# load of each form (median of several loads in one process, then peak memory) plus the
# process-level cost of `shelfcheck validate` on one listing with either form.
# Target: the binary form loads ≥ 20× faster than JSON parse + compile.
#
# 平台规模: 生成合成的全平台快照, 编译为二进制, 测量两种形式的加载时间与峰值内存 (目标 ≥ 20 倍)。
# Files go to $BENCH_DIR (default target/bench-data/), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib-peak.sh
target="${CARGO_TARGET_DIR:-target}"
dir="${BENCH_DIR:-$target/bench-data}"
mkdir -p "$dir"
cargo build --release --locked -q -p shelfcheck-bench -p shelfcheck
bin="$target/release"

echo "load average / 负载: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -s "$dir/platform.json" ]; then
  "$bin/gen" platform "$dir/platform.json"
fi
peak_run compile "$bin/shelfcheck" snapshot compile "$dir/platform.json" -o "$dir/platform.bin"
echo "snapshot compile: ${compile_secs}s, peak ${compile_kib} KiB"
ls -l "$dir/platform.json" "$dir/platform.bin" | awk '{printf "  %s %.1f MiB\n", $9, $5 / 1048576}'

json=$("$bin/platform" "$dir/platform.json" --repeat "${JSON_REPEAT:-3}")
binary=$("$bin/platform" "$dir/platform.bin" --repeat "${BIN_REPEAT:-21}")
echo "json:   $json"
echo "binary: $binary"
ratio=$(awk -v j="$json" -v b="$binary" 'BEGIN {
  match(j, /"load_ms_median":[0-9.e+-]+/); jm = substr(j, RSTART + 17, RLENGTH - 17)
  match(b, /"load_ms_median":[0-9.e+-]+/); bm = substr(b, RSTART + 17, RLENGTH - 17)
  printf "%.1f", jm / bm }')

# Whole-process view: one listing validated from the command line with each form.
listing="$dir/one.json"
"$bin/gen" listings --count 1 > "$listing"
peak_run cli_json "$bin/shelfcheck" validate --snapshot "$dir/platform.json" --format json "$listing" >/dev/null 2>&1 || true
peak_run cli_bin "$bin/shelfcheck" validate --snapshot "$dir/platform.bin" --format json "$listing" >/dev/null 2>&1 || true
echo "shelfcheck validate, one listing: JSON snapshot ${cli_json_secs}s / ${cli_json_kib} KiB; binary ${cli_bin_secs}s / ${cli_bin_kib} KiB"

echo "binary load speed-up / 二进制加载加速: ${ratio}× (target / 目标 ≥ 20×)"
awk -v r="$ratio" 'BEGIN { exit !(r >= 20) }'
