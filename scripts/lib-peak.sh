# Sourced by the benchmark scripts: `peak_run OUT_VAR cmd...` runs a command and stores its
# wall time (s) and peak resident memory (KiB) in ${OUT_VAR}_secs / ${OUT_VAR}_kib. Uses
# /usr/bin/time -v when present, else samples /proc/PID/status (VmHWM) until the command ends.
peak_run() {
  local var="$1"; shift
  local start end kib
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    local log; log=$(mktemp)
    /usr/bin/time -v -o "$log" "$@"
    kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    rm -f "$log"
  else
    "$@" &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
      sleep 0.05
    done
    wait "$pid"
    kib=$hwm
  fi
  end=$(date +%s.%N)
  printf -v "${var}_secs" "%s" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"
  printf -v "${var}_kib" '%s' "$kib"
}
