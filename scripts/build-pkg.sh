#!/usr/bin/env bash
# Builds the npm package `shelfcheck` in pkg/: compiles crates/wasm for wasm32 with the
# size-tuned `wasm-release` profile for browsers and bundlers and the speed-tuned
# `wasm-speed` profile for Node, runs wasm-bindgen for browsers (ESM, `web`), bundlers
# (ESM, `bundler`) and Node (`nodejs`), shrinks the module with wasm-opt when the npm
# `binaryen` package is installed in pkg/, and generates the TypeScript types from the
# Rust types' JSON Schemas. Everything it writes goes to pkg/dist/ (not committed).
#
# Toolchain: the rustup target wasm32-unknown-unknown when it is installed; otherwise
# Debian's rustc-web compiler building the standard library from source (-Zbuild-std).
# scripts/setup-wasm.sh installs either (see step 1).
#
# Environment: SHELFCHECK_WASM_ROUTE=rustup|debian forces a toolchain;
# SHELFCHECK_WASM_BUILD_STD=0 keeps rustup's prebuilt standard library;
# SHELFCHECK_WASM_OPT=0 skips wasm-opt; SHELFCHECK_WASM_NODE_SPEED=0 gives Node the browsers'
# size-tuned module instead of its own speed-tuned one; CARGO_TARGET_DIR defaults to
# target/wasm.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/pkg"
DIST="$PKG/dist"
TARGET=wasm32-unknown-unknown
PROFILE=wasm-release
NAME=shelfcheck
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target/wasm}"
HOST_TARGET_DIR="$CARGO_TARGET_DIR/host"

log() { printf '[build-pkg] %s\n' "$*"; }
die() { printf '[build-pkg] error / 错误: %s\n' "$*" >&2; exit 1; }

# --- 1. compile ------------------------------------------------------------------
# Two toolchains: the rustup target (prebuilt wasm32 standard library), or Debian's
# rustc-web, which must build the standard library from source. Whenever the standard
# library's source is at hand it is rebuilt for size (`optimize_for_size`) and with
# `panic=immediate-abort`, which drops the panic-message machinery the bindings never use
# (the workspace lints deny panics): about 15% off the gzipped module. Both need
# RUSTC_BOOTSTRAP=1, as `-Zbuild-std` is not stable yet.
route="${SHELFCHECK_WASM_ROUTE:-}"
if [ -z "$route" ]; then
  if rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    route=rustup
  elif [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ]; then
    route=debian
  else
    die "no wasm32 toolchain; run scripts/setup-wasm.sh / 没有 wasm32 工具链，请先运行 scripts/setup-wasm.sh"
  fi
fi

cd "$ROOT"
SIZE_FLAGS="-Zunstable-options -Cpanic=immediate-abort"
# Without panic messages nothing reads the source locations of panics; they go too (0.6 KB).
SIZE_FLAGS="$SIZE_FLAGS -Zlocation-detail=none"
# Source paths of the standard library and dependencies still appear in the module (in
# location data); map them to short fixed names so the module is the same on every machine.
SIZE_FLAGS="$SIZE_FLAGS --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=/deps"
for sysroot in "$(rustc --print sysroot 2>/dev/null)" /usr/lib/rustlib/src/rust; do
  [ -n "$sysroot" ] && SIZE_FLAGS="$SIZE_FLAGS --remap-path-prefix=$sysroot=/rust"
done
BASE_TARGET_DIR="$CARGO_TARGET_DIR"

# compile PROFILE STD_FEATURES [CARGO_ARGS...]: builds the module with one cargo profile;
# sets $WASM.
compile() {
  local profile="$1" build_std=(-Zbuild-std=std,panic_abort "-Zbuild-std-features=$2")
  shift 2
  local extra=("$@")
  # (An empty feature list builds std without its size-over-speed choices.)
  case "$route" in
    rustup)
      if [ "${SHELFCHECK_WASM_BUILD_STD:-1}" = 1 ] && [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
        log "compiling ($profile) with the rustup toolchain, std rebuilt / 使用 rustup 工具链编译 (重新构建 std)"
        export CARGO_TARGET_DIR="$BASE_TARGET_DIR/build-std"
        RUSTC_BOOTSTRAP=1 RUSTFLAGS="$SIZE_FLAGS" \
          cargo build -p shelfcheck-wasm --lib --target "$TARGET" --profile "$profile" "${build_std[@]}" ${extra[@]+"${extra[@]}"}
      else
        log "compiling ($profile) with the rustup wasm32 target / 使用 rustup wasm32 目标编译"
        export CARGO_TARGET_DIR="$BASE_TARGET_DIR"
        cargo build -p shelfcheck-wasm --lib --target "$TARGET" --profile "$profile" ${extra[@]+"${extra[@]}"}
      fi
      ;;
    debian)
      log "compiling ($profile) with Debian rustc-web and -Zbuild-std / 使用 Debian rustc-web 与 -Zbuild-std 编译"
      # Debian's rustc has no wasm linker; the rustup toolchain's rust-lld is used, or
      # Debian's wasm-ld when there is no rustup toolchain.
      local linker
      linker="$(rustc --print sysroot 2>/dev/null)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
      if [ ! -x "$linker" ]; then
        linker="$(command -v wasm-ld-19 || command -v wasm-ld || true)"
      fi
      [ -n "$linker" ] && [ -x "$linker" ] || die "no wasm linker (rust-lld or wasm-ld) / 找不到 wasm 链接器"
      # Its own directory: a different compiler invalidates the other route's artefacts.
      export CARGO_TARGET_DIR="$BASE_TARGET_DIR/debian"
      RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 RUSTFLAGS="$SIZE_FLAGS" \
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$linker" \
        cargo build -p shelfcheck-wasm --lib --target "$TARGET" --profile "$profile" "${build_std[@]}" ${extra[@]+"${extra[@]}"}
      ;;
    *) die "unknown SHELFCHECK_WASM_ROUTE=$route (rustup|debian) / 未知的构建路线" ;;
  esac
  WASM="$CARGO_TARGET_DIR/$TARGET/$profile/shelfcheck_wasm.wasm"
  [ -f "$WASM" ] || die "missing $WASM / 缺少 $WASM"
}

# Browsers download the module, so theirs is built for size (and reads JSON text with
# serde_json; forms pass objects, which do not need it, and hashes snapshots with sha2's
# compact implementation, see crates/wasm/Cargo.toml); Node reads it from disk, so its
# build is tuned for speed (about twice as fast, larger).
compile wasm-release optimize_for_size --no-default-features --features compact-hash
WASM_WEB="$WASM"
if [ "${SHELFCHECK_WASM_NODE_SPEED:-1}" = 1 ]; then
  compile wasm-speed ""
fi
WASM_NODE="$WASM"
export CARGO_TARGET_DIR="$BASE_TARGET_DIR"

# --- 2. wasm-bindgen -------------------------------------------------------------
want="$(sed -n 's/^wasm-bindgen = { *version = "=\([0-9.]*\)".*/\1/p' crates/wasm/Cargo.toml | head -n1)"
command -v wasm-bindgen >/dev/null 2>&1 \
  || die "wasm-bindgen not found; run scripts/setup-wasm.sh / 找不到 wasm-bindgen，请先运行 scripts/setup-wasm.sh"
have="$(wasm-bindgen --version | awk '{print $2}')"
[ "$have" = "$want" ] \
  || die "wasm-bindgen $have installed, crate pins $want; run scripts/setup-wasm.sh / wasm-bindgen 版本 $have 与依赖锁定的 $want 不一致"

rm -rf "$DIST"
mkdir -p "$DIST"
for t in web bundler nodejs; do
  dir="$DIST/$t"
  module="$WASM_WEB"
  [ "$t" = nodejs ] && dir="$DIST/node" && module="$WASM_NODE"
  wasm-bindgen "$module" --target "$t" --out-dir "$dir" --out-name "$NAME"
done

# npm tools used below (esbuild, wasm-opt, json-schema-to-typescript), pinned by
# pkg/package-lock.json. Installed again whenever the lock file differs from the one the last
# install used.
STAMP="$PKG/node_modules/.shelfcheck-package-lock.json"
if [ "${SHELFCHECK_NPM_INSTALL:-1}" = 1 ] && ! cmp -s "$PKG/package-lock.json" "$STAMP"; then
  log "installing the package's npm tools / 安装 npm 工具"
  (cd "$PKG" && npm ci --no-audit --no-fund)
  cp "$PKG/package-lock.json" "$STAMP"
fi
ESBUILD="$PKG/node_modules/.bin/esbuild"
[ -x "$ESBUILD" ] || die "esbuild not installed (npm ci in pkg/) / 未安装 esbuild (请在 pkg/ 中运行 npm ci)"

# --- 2b. entry points ---------------------------------------------------------------
# wasm-bindgen's output of each build becomes that build's `glue.js`, internal to the package.
# Its public entry, `shelfcheck.js`, is the package's `Catalog` (pkg/js/catalog.js, with the
# packed writer pkg/js/packed.js generated from pkg/js/layout.json) over that glue, and
# `ShelfcheckError` (pkg/js/error.js); the glue's internals are not exported.
for t in web bundler node; do
  mv "$DIST/$t/${NAME}.js" "$DIST/$t/glue.js"
done
# (The entries' declarations are the glue's: `Catalog` keeps its methods, and the internals
# have none.)
cat > "$DIST/web/entry.js" <<JS
import * as glue from "./glue.js";
import { catalogClass } from "../../js/catalog.js";
export { ShelfcheckError } from "../../js/error.js";
export const Catalog = catalogClass(glue);
export default glue.default;
export const initSync = glue.initSync;
JS
# Browsers download the glue as it is: one minified file, with a source map holding the
# readable sources for browser developer tools (fetched only while they are open). (The
# package's classes name themselves, see pkg/js/catalog.js: esbuild's --keep-names would
# name every function, 0.45 KB gzipped, past the module's download budget.)
"$ESBUILD" "$DIST/web/entry.js" --bundle --minify --format=esm --log-level=warning --sourcemap=external \
  --outfile="$DIST/web/${NAME}.js"
node -e 'const fs = require("fs"), path = require("path"), [map] = process.argv.slice(1); const m = JSON.parse(fs.readFileSync(map, "utf8"));
  m.file = "shelfcheck.js"; m.sources = m.sources.map((s) => "shelfcheck-src/" + path.basename(s)); fs.writeFileSync(map, JSON.stringify(m));' \
  "$DIST/web/${NAME}.js.map"
printf '//# sourceMappingURL=%s.js.map\n' "$NAME" >> "$DIST/web/${NAME}.js"
rm "$DIST/web/entry.js" "$DIST/web/glue.js"
# Bundlers do their own bundling: the modules as they are, beside the glue.
cp "$PKG/js/catalog.js" "$PKG/js/packed.js" "$PKG/js/error.js" "$DIST/bundler/"
cat > "$DIST/bundler/${NAME}.js" <<JS
import * as glue from "./glue.js";
import { catalogClass } from "./catalog.js";
export { ShelfcheckError } from "./error.js";
export const Catalog = catalogClass(glue);
JS
# Node: CommonJS, the glue left apart (the package's command reads its tools from it, and one
# module instance serves both).
cat > "$DIST/node/entry.mjs" <<JS
import * as glue from "./glue.js";
import { catalogClass } from "../../js/catalog.js";
export { ShelfcheckError } from "../../js/error.js";
export const Catalog = catalogClass(glue);
JS
"$ESBUILD" "$DIST/node/entry.mjs" --bundle --format=cjs --platform=node --log-level=warning \
  --external:./glue.js --outfile="$DIST/node/${NAME}.js"
rm "$DIST/node/entry.mjs"

# --- 3. wasm-opt (optional) ------------------------------------------------------
WASM_OPT="$PKG/node_modules/.bin/wasm-opt"
if [ "${SHELFCHECK_WASM_OPT:-1}" = 0 ]; then
  log "wasm-opt skipped / 跳过 wasm-opt"
elif [ -x "$WASM_OPT" ]; then
  # The features are those rustc emits by default for wasm32-unknown-unknown and every
  # current browser and Node 20 support.
  # opt FILE FLAGS...
  opt() {
    local file="$1"
    shift
    # (The target-features section only informs tools that link modules.)
    "$WASM_OPT" "$@" --strip-debug --strip-producers --strip-target-features \
      --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-reference-types --enable-multivalue \
      "$file" -o "$file.opt"
    mv "$file.opt" "$file"
  }
  # The browser and bundler builds share one module (only the JS glue differs).
  cmp -s "$DIST/web/${NAME}_bg.wasm" "$DIST/bundler/${NAME}_bg.wasm" \
    || die "the browser builds' modules differ / 浏览器构建的模块不同"
  # --converge repeats the passes while they still shrink the module (a few hundred bytes).
  # --low-memory-unused lets constant offsets fold into loads and stores (1.4 KB): it assumes
  # nothing lives below address 1024, which holds for Rust's modules, whose 1 MiB stack comes
  # first and grows down towards 0, so only a stack within 1 KB of overflowing would reach
  # there (the engine's recursion is bounded, JSON nesting by serde_json's limit of 128).
  # Such an access would trap instead of wrapping around.
  # --ignore-implicit-traps lets wasm-opt move or drop loads, stores and divisions as if they
  # could not trap (0.9 KB): safe Rust never makes an access out of bounds or divides by zero
  # unchecked (the workspace forbids unsafe code; a failed check is an explicit trap, which
  # stays), so no trap of that kind exists to preserve.
  opt "$DIST/web/${NAME}_bg.wasm" -Oz --converge --low-memory-unused --ignore-implicit-traps
  cp "$DIST/web/${NAME}_bg.wasm" "$DIST/bundler/${NAME}_bg.wasm"
  if [ "${SHELFCHECK_WASM_NODE_SPEED:-1}" = 1 ]; then
    # No inlining of wasm-opt's own (it comes before -O3 to apply): rustc has inlined what
    # pays, and V8 compiles the few large functions that wasm-opt's inlining makes worse.
    opt "$DIST/node/${NAME}_bg.wasm" --no-inline='*' -O3
  else
    opt "$DIST/node/${NAME}_bg.wasm" -Oz --converge --low-memory-unused
  fi
else
  log "wasm-opt not installed (npm ci in pkg/), module left as built / 未安装 wasm-opt，保留原模块"
fi

# The optional trailing arguments (locale, options) lose their `?` when their type is
# given explicitly in the bindings; put it back, and fail loudly if the output changes.
for f in "$DIST"/*/"${NAME}.d.ts"; do
  sed -i -E 's/(locale|options): (LocaleName|ValidateOptions)\)/\1?: \2 | null)/g' "$f"
  grep -q 'options?: ValidateOptions | null' "$f" || die "unexpected declarations in $f / 类型声明格式有变"
  # `[Symbol.dispose]` (the `using` statement) type-checks in projects whose lib has no
  # `Symbol.dispose` too (es2022 or older) with the symbol declared, as Node's own types do.
  grep -q '\[Symbol.dispose\](): void;' "$f" || die "no Symbol.dispose in $f / 类型声明中没有 Symbol.dispose"
  printf '\ndeclare global {\n  interface SymbolConstructor {\n    readonly dispose: unique symbol;\n  }\n}\n' >> "$f"
done

# --- 4. Node entry points --------------------------------------------------------
# The Node build is CommonJS (the package is `"type": "module"`, so its folder says so) and
# ready on load. An ES module entry re-exports it with a no-op default `init`, so one code
# path (`await init()`) serves browsers and Node alike.
printf '{"type":"commonjs"}\n' > "$DIST/node/package.json"
cat > "$DIST/node/${NAME}.mjs" <<JS
import cjs from "./${NAME}.js";
export const { Catalog, ShelfcheckError } = cjs;
export default async function init() { return cjs; }
export function initSync() { return cjs; }
JS
{
  cat "$DIST/node/${NAME}.d.ts"
  printf '\n/** No-op: the Node build is ready on load (kept for code shared with browsers). */\n'
  printf 'export default function init(): Promise<unknown>;\n/** No-op, see `init`. */\nexport function initSync(): unknown;\n'
} > "$DIST/node/${NAME}.d.mts"

# --- 5. TypeScript types from the Rust types ---------------------------------------
if [ -x "$PKG/node_modules/.bin/json2ts" ]; then
  log "generating TypeScript types / 生成 TypeScript 类型"
  schemas="$DIST/schemas"
  CARGO_TARGET_DIR="$HOST_TARGET_DIR" cargo run -q -p shelfcheck-wasm --example ts-schemas -- "$schemas"
  node "$ROOT/scripts/schemas-to-ts.mjs" "$schemas" "$DIST/types.d.ts"
  for d in web bundler node; do cp "$DIST/types.d.ts" "$DIST/$d/types.d.ts"; done
else
  log "json-schema-to-typescript not installed (npm ci in pkg/) / 未安装 json-schema-to-typescript"
fi

# --- 6. metadata for teams without Rust ----------------------------------------------
# The JSON Schemas of the file formats (the committed copies `shelfcheck schema` prints), the
# demo snapshot and its shards, cut by the package's own command over the Node build (the
# same core function as `shelfcheck snapshot shard`; pkg/test/bin.test.mjs compares them).
mkdir -p "$DIST/schema" "$DIST/demo"
for kind in snapshot listing report; do
  cp "$ROOT/crates/core/schemas/$kind.schema.json" "$DIST/schema/"
done
cp "$ROOT/crates/core/demo/snapshot.json" "$DIST/demo/snapshot.json"
# npm packs only files inside the package folder.
cp "$ROOT/LICENSE-MIT" "$ROOT/LICENSE-APACHE" "$PKG/"
SHELFCHECK_LOCALE=en node "$PKG/bin/shelfcheck.mjs" snapshot shard "$DIST/demo/snapshot.json" -o "$DIST/demo/shards" >/dev/null \
  || die "cannot cut the demo snapshot into shards / 无法切分示例快照"

# --- 7. one copy of the browser module ------------------------------------------------
# The browser and bundler builds share one module; the tarball holds it once, in web/. The
# module imports the bundler glue's half by name (`./shelfcheck_bg.js`), so that half moves
# beside it, and the bundler entry imports both from there.
cmp -s "$DIST/web/${NAME}_bg.wasm" "$DIST/bundler/${NAME}_bg.wasm" \
  || die "the browser builds' modules differ / 浏览器构建的模块不同"
mv "$DIST/bundler/${NAME}_bg.js" "$DIST/web/${NAME}_bg.js"
rm "$DIST/bundler/${NAME}_bg.wasm" "$DIST/bundler/${NAME}_bg.wasm.d.ts"
sed -i "s#\"\./${NAME}_bg\.\(js\|wasm\)\"#\"../web/${NAME}_bg.\1\"#g" "$DIST/bundler/glue.js"
grep -q "\"\.\./web/${NAME}_bg\.wasm\"" "$DIST/bundler/glue.js" \
  || die "unexpected bundler glue $DIST/bundler/glue.js / 打包胶水格式有变"

# --- 8. sizes --------------------------------------------------------------------
for d in web node; do
  w="$DIST/$d/${NAME}_bg.wasm"
  j="$DIST/$d/${NAME}.js"
  log "$d: wasm $(stat -c %s "$w") B raw, $(gzip -9 -c "$w" | wc -c) B gzip; JS glue $(stat -c %s "$j") B raw, $(gzip -9 -c "$j" | wc -c) B gzip"
done
log "done: $DIST / 完成"
