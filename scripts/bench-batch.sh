#!/usr/bin/env bash
# Batch mode: 1,000,000 generated listings of the synthetic platform (NDJSON, written to
# $BENCH_DIR, default target/bench-data/, and deleted afterwards unless KEEP=1) through
# `shelfcheck validate --snapshot platform.bin --format json -`, on every core. Prints
# listings per second and peak memory. Target: ≥ 100,000 listings/s on a 2-core machine.
#
# 批量模式: 100 万个生成的商品经标准输入校验, 打印每秒商品数与峰值内存 (目标 ≥ 10 万/秒)。
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib-peak.sh
target="${CARGO_TARGET_DIR:-target}"
dir="${BENCH_DIR:-$target/bench-data}"
count="${COUNT:-1000000}"
mkdir -p "$dir"
cargo build --release --locked -q -p shelfcheck-bench -p shelfcheck
bin="$target/release"

echo "load average / 负载: $(cut -d' ' -f1-3 /proc/loadavg); cores / 核: $(nproc)"
[ -s "$dir/platform.json" ] || "$bin/gen" platform "$dir/platform.json"
[ -s "$dir/platform.bin" ] || "$bin/shelfcheck" snapshot compile "$dir/platform.json" -o "$dir/platform.bin"
stream="$dir/listings-$count.ndjson"
[ -s "$stream" ] || "$bin/gen" listings --count "$count" > "$stream"
echo "stream / 输入: $count listings, $(du -m "$stream" | cut -f1) MiB"

status=0
peak_run batch sh -c "'$bin/shelfcheck' validate --snapshot '$dir/platform.bin' --format json - < '$stream' > /dev/null 2> '$dir/batch.err'" || status=$?
# Exit 1 only says some listings are invalid (one in ten is, on purpose).
if [ "$status" -gt 1 ]; then
  cat "$dir/batch.err" >&2
  exit "$status"
fi
tail -n 1 "$dir/batch.err"
rate=$(awk -v n="$count" -v s="$batch_secs" 'BEGIN { printf "%.0f", n / s }')
echo "batch / 批量: $count listings in ${batch_secs}s = ${rate} listings/s, peak ${batch_kib} KiB"

# Memory is flat in the number of listings: a tenth of the stream peaks about the same.
small=$((count / 10))
head -n "$small" "$stream" > "$dir/listings-small.ndjson"
peak_run small sh -c "'$bin/shelfcheck' validate --snapshot '$dir/platform.bin' --format json - < '$dir/listings-small.ndjson' > /dev/null 2>&1" || true
echo "memory check / 内存: $small listings peak ${small_kib} KiB vs $count listings peak ${batch_kib} KiB"
rm -f "$dir/listings-small.ndjson"
[ "${KEEP:-0}" = "1" ] || rm -f "$stream"

echo "target / 目标 ≥ 100000 listings/s: $([ "$rate" -ge 100000 ] && echo met / 达到 || echo MISSED / 未达到)"
[ "$rate" -ge 100000 ]
