// A tiny static server for the example seller form (no dependencies).
//
//   node examples/web-form/server.mjs [--port 8080] [--shards DIR | --snapshot FILE] [--pkg DIR]
//
// Serves the page from public/, the browser build of the npm package (pkg/dist/web) under
// /pkg/, the package's shard loader and title counter (pkg/js) under /lib/, and the category
// metadata in one of two ways:
//
// - shards (the default): the folder `shelfcheck snapshot shard SNAPSHOT -o DIR` writes, under
//   /shards/ (/shards/index.json and one file per leaf category). The page loads the index for
//   its category picker and then only the shard of the category being edited. Without
//   --shards, the demo snapshot the CLI embeds (crates/core/demo/snapshot.json) is cut into
//   target/web-form/shards first, with $SHELFCHECK_BIN or else `cargo run -q -p shelfcheck --`.
// - --snapshot FILE: one whole snapshot as /snapshot.json, which the page loads at once. The
//   page uses it when /shards/index.json answers 404.
//
// Only GET/HEAD of files under those roots; paths are resolved and checked so nothing outside
// them can be read. Answers are compressed (brotli, else gzip) when the browser accepts it, as
// any production server would: the module is 340 KB raw, about 120 KB in brotli.
import { createServer } from "node:http";
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import { extname, join, resolve, sep, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
export const DEMO_SNAPSHOT = join(ROOT, "crates", "core", "demo", "snapshot.json");
const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? "target");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
};

// Compressed bodies by file, encoding and modification time: brotli at its best level is
// slow for the module, and the files only change on a rebuild.
const compressed = new Map();

/** `body` in the best encoding the request accepts: `[body, encoding or null]`. */
function encode(req, file, mtime, body) {
  const accepts = String(req.headers["accept-encoding"] ?? "");
  const encoding = /\bbr\b/.test(accepts) ? "br" : /\bgzip\b/.test(accepts) ? "gzip" : null;
  if (!encoding || body.length < 1024) return [body, null];
  const key = `${encoding} ${mtime} ${file}`;
  if (!compressed.has(key)) {
    compressed.set(key, encoding === "br"
      ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : gzipSync(body, { level: 9 }));
  }
  return [compressed.get(key), encoding];
}

function inside(root, rel) {
  const full = resolve(root, "." + sep + rel);
  return full === root || full.startsWith(root + sep) ? full : null;
}

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Cuts `snapshot` into per-category shards in `out` with the CLI
 * (`shelfcheck snapshot shard SNAPSHOT -o OUT`); resolves to `out`. The CLI is `bin`, else
 * $SHELFCHECK_BIN, else `cargo run -q -p shelfcheck --` in the repository.
 */
export function cutShards({ snapshot = DEMO_SNAPSHOT, out, bin = process.env.SHELFCHECK_BIN } = {}) {
  // A path is taken from the current folder; the command itself runs in the repository.
  const [cmd, pre] = bin ? [bin.includes(sep) ? resolve(bin) : bin, []] : ["cargo", ["run", "-q", "-p", "shelfcheck", "--"]];
  const args = [...pre, "snapshot", "shard", resolve(snapshot), "-o", resolve(out)];
  return new Promise((ok, fail) => {
    execFile(cmd, args, { cwd: ROOT, maxBuffer: 16 << 20 }, (error, _stdout, stderr) => {
      if (!error) return ok(out);
      const how = `${cmd} ${args.join(" ")}`;
      const why = (stderr || error.message).trim();
      const hint = error.code === "ENOENT"
        ? "\nset SHELFCHECK_BIN to a built shelfcheck or pass --shards DIR / " +
          "请将 SHELFCHECK_BIN 设为已构建的 shelfcheck, 或使用 --shards DIR"
        : "";
      fail(new Error(`cannot cut the snapshot into shards / 无法将快照切分为分片: ${how}\n${why}${hint}`));
    });
  });
}

/**
 * Starts the server; resolves to `{ url, close() }`. Port 0 picks a free port.
 *
 * `shards`: a folder written by `shelfcheck snapshot shard` (must hold index.json).
 * `snapshot`: one whole snapshot instead. With neither, the demo snapshot is cut into
 * `target/web-form/shards` with the CLI (see `cutShards`).
 */
export async function start({ port = 0, host = "127.0.0.1", shards, snapshot, pkg = join(ROOT, "pkg", "dist", "web"), lib = join(ROOT, "pkg", "js") } = {}) {
  if (shards && snapshot) {
    throw new Error("give --shards or --snapshot, not both / --shards 与 --snapshot 只能选一个");
  }
  if (!shards && !snapshot) shards = await cutShards({ out: join(TARGET, "web-form", "shards") });
  const shardDir = shards ? resolve(shards) : null;
  const snapshotFile = snapshot ? resolve(snapshot) : null;
  if (shardDir && !(await isFile(join(shardDir, "index.json")))) {
    throw new Error(
      `no index.json in ${shardDir}; write one with \`shelfcheck snapshot shard SNAPSHOT -o DIR\` / ` +
      `${shardDir} 中没有 index.json, 请先运行 \`shelfcheck snapshot shard SNAPSHOT -o DIR\``,
    );
  }
  if (snapshotFile && !(await isFile(snapshotFile))) {
    throw new Error(`no snapshot file at ${snapshotFile} / 快照文件不存在: ${snapshotFile}`);
  }
  const pkgDir = resolve(pkg);
  const libDir = resolve(lib);
  const publicDir = join(HERE, "public");
  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = null;
    if (path === "/snapshot.json") file = snapshotFile;
    else if (path.startsWith("/shards/")) file = shardDir && inside(shardDir, path.slice(8));
    else if (path.startsWith("/pkg/")) file = inside(pkgDir, path.slice(5));
    else if (path.startsWith("/lib/")) file = inside(libDir, path.slice(5));
    else if (path === "/favicon.ico") file = join(publicDir, "favicon.svg");
    else file = inside(publicDir, path === "/" ? "index.html" : path.slice(1));
    try {
      const info = file && (await stat(file));
      if (!info?.isFile()) throw new Error("not a file");
      const [body, encoding] = encode(req, file, info.mtimeMs, await readFile(file));
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        vary: "accept-encoding",
        ...(encoding ? { "content-encoding": encoding } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found / 未找到\n");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const { port: actual } = server.address();
  return {
    url: `http://${host}:${actual}/`,
    shards: shardDir,
    snapshot: snapshotFile,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    if (!opt("--shards") && !opt("--snapshot")) {
      console.log("cutting the demo snapshot into shards / 正在将示例快照切分为分片 …");
    }
    const { url, shards, snapshot } = await start({
      port: Number(opt("--port") ?? 8080),
      shards: opt("--shards"),
      snapshot: opt("--snapshot"),
      pkg: opt("--pkg"),
    });
    const what = shards ? `shards / 分片: ${shards}` : `snapshot / 快照: ${snapshot}`;
    console.log(`shelfcheck web form: ${url} / 示例表单已启动: ${url} (${what})`);
  } catch (e) {
    console.error(`error / 错误: ${e.message}`);
    process.exit(1);
  }
}
