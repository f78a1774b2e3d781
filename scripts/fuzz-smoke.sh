#!/usr/bin/env bash
# The short fuzzing pass of the test command: every target for a few seconds.
set -euo pipefail
FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}" exec "$(dirname "$0")/fuzz.sh" "${FUZZ_SECONDS:-8}"
