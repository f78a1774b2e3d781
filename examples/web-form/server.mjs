// A tiny static server for the example seller form (no dependencies).
//
//   node examples/web-form/server.mjs [--port 8080] [--snapshot FILE] [--pkg DIR]
//
// Serves the page from public/, the browser build of the npm package (pkg/dist/web) under
// /pkg/, and one metadata snapshot as /snapshot.json (by default the demo snapshot the CLI
// embeds, crates/core/demo/snapshot.json). Only GET/HEAD of files under those
// roots; paths are resolved and checked so nothing outside them can be read.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".ts": "text/plain; charset=utf-8",
};

function inside(root, rel) {
  const full = resolve(root, "." + sep + rel);
  return full === root || full.startsWith(root + sep) ? full : null;
}

/** Starts the server; resolves to `{ url, close() }`. Port 0 picks a free port. */
export async function start({
  port = 0,
  host = "127.0.0.1",
  snapshot = join(ROOT, "crates", "core", "demo", "snapshot.json"),
  pkg = join(ROOT, "pkg", "dist", "web"),
} = {}) {
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
    if (path === "/snapshot.json") file = resolve(snapshot);
    else if (path.startsWith("/pkg/")) file = inside(resolve(pkg), path.slice(5));
    else file = inside(publicDir, path === "/" ? "index.html" : path.slice(1));
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
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
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const { url } = await start({
    port: Number(opt("--port") ?? 8080),
    snapshot: opt("--snapshot"),
    pkg: opt("--pkg"),
  });
  console.log(`shelfcheck web form: ${url} / 示例表单已启动: ${url}`);
}
