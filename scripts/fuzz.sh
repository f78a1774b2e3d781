#!/usr/bin/env bash
# Runs every cargo-fuzz target (or the ones named) for SECONDS each, seeded from fuzz/seeds/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600   (a long campaign)
# FUZZ_SANITIZER=address|none (default address). The code forbids `unsafe`, so a short pass
# without AddressSanitizer finds the same panics, hangs and memory blow-ups at a fraction of
# the build time; the test command uses that.
# A crash is copied to fuzz/regressions/<target>/ (replayed by `cargo test -p shelfcheck-hostile`)
# and the script exits 1. Prints executions and time per target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo +nightly install cargo-fuzz --locked

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^shelfcheck-fuzz$')
fi

sanitizer="${FUZZ_SANITIZER:-address}"
cd fuzz
# Build once; `run` below uses the same flags, so it does not rebuild.
cargo +nightly fuzz build -O -s "$sanitizer"
status=0
printf '%-20s %12s %8s\n' target executions seconds
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "regressions/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  log=$(mktemp)
  start=$(date +%s)
  if cargo +nightly fuzz run -O -s "$sanitizer" "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 \
      -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    :
  else
    status=1
    echo "!! $t failed; last lines:" >&2
    tail -n 30 "$log" >&2
    for a in artifacts/"$t"/*; do
      [ -f "$a" ] && cp "$a" "regressions/$t/" && echo "   saved $(basename "$a") to fuzz/regressions/$t/" >&2
    done
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  printf '%-20s %12s %8s\n' "$t" "${execs:-?}" "$(( $(date +%s) - start ))"
  rm -f "$log"
done
exit $status
