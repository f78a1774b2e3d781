#!/usr/bin/env bash
# Installs what building and testing the wasm package needs, skipping whatever is
# already present, so it can be run again at any time:
#   - a wasm32 standard library: the rustup target when it can be added, otherwise
#     Debian's `rustc-web` compiler with its standard library source (build-std route,
#     see scripts/build-pkg.sh);
#   - `wasm-bindgen-cli` at exactly the version of the `wasm-bindgen` crate pinned in
#     crates/wasm/Cargo.toml (the CLI refuses modules built by any other version);
#   - Debian's `chromium` and a CJK font for the browser tests.
# Usage: scripts/setup-wasm.sh [--no-browser]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WITH_BROWSER=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) WITH_BROWSER=0 ;;
    *) echo "unknown argument / 未知参数: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[setup-wasm] %s\n' "$*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    $SUDO apt-get update
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$@"
}

# --- 1. wasm32 standard library -------------------------------------------------
have_rustup_target() {
  rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'
}
if have_rustup_target; then
  log "rustup target wasm32-unknown-unknown: present / 已安装"
elif rustup target add wasm32-unknown-unknown; then
  log "rustup target wasm32-unknown-unknown: added / 已添加"
fi
if have_rustup_target; then
  # Optional: with the standard library's source the build rebuilds it for size.
  if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
    rustup component add rust-src || log "rust-src unavailable: the module will be larger / 无法安装 rust-src, 模块会更大"
  fi
elif [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ]; then
  log "Debian rustc-web with std source: present / 已安装"
else
  log "rustup cannot add the wasm32 target; installing Debian rustc-web / rustup 无法添加 wasm32 目标，改装 Debian rustc-web"
  apt_install rustc-web rust-web-src
fi

# --- 2. wasm-bindgen-cli, same version as the crate -----------------------------
WB_VERSION=""
if [ -f "$ROOT/crates/wasm/Cargo.toml" ]; then
  WB_VERSION="$(sed -n 's/^wasm-bindgen = { *version = "=\([0-9.]*\)".*/\1/p' "$ROOT/crates/wasm/Cargo.toml" | head -n1)"
fi
WB_VERSION="${WB_VERSION:-0.2.130}"
if command -v wasm-bindgen >/dev/null 2>&1 && wasm-bindgen --version | grep -qx "wasm-bindgen $WB_VERSION"; then
  log "wasm-bindgen-cli $WB_VERSION: present / 已安装"
else
  log "installing wasm-bindgen-cli $WB_VERSION / 安装 wasm-bindgen-cli $WB_VERSION"
  # Built with the default (rustup) toolchain for the host; `--locked` is not used because
  # the published lock file can name versions the registry index does not yet serve.
  env -u RUSTC -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "=$WB_VERSION" --force
fi

# --- 3. Chromium for browser tests -----------------------------------------------
if [ "$WITH_BROWSER" -eq 1 ]; then
  if [ -x /usr/bin/chromium ]; then
    log "chromium: present / 已安装"
  else
    log "installing chromium / 安装 chromium"
    apt_install chromium
  fi
  # A CJK font, so that screenshots of the Chinese form are legible.
  if fc-list 2>/dev/null | grep -qiE 'wqy|noto.*cjk|droid.*fallback'; then
    log "CJK font: present / 中文字体已安装"
  else
    apt_install fonts-wqy-zenhei
  fi
fi

log "done / 完成"
