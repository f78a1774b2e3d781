#!/usr/bin/env bash
# Full comparison run: shelfcheck native against the `jsonschema` crate and the npm package
# in Node against ajv 8, on the exported JSON Schema; long samples, targets enforced (exit 1
# when one is missed). Build the npm package first (scripts/build-pkg.sh) for the Node half.
#
# 完整对比: 长采样, 强制目标 (未达标时退出码为 1)。Node 部分需要先运行 scripts/build-pkg.sh。
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked -q -p shelfcheck-bench --bin compare
target="${CARGO_TARGET_DIR:-target}"
exec "$target/release/compare" "$@"
