// The listings of the paths given to `shelfcheck validate`, found and read as the CLI does
// (crates/cli/src/input.rs): a file (`*.ndjson`/`*.jsonl`: one listing per line, else one
// listing), a folder walked recursively (entries sorted by name, hidden ones skipped, only
// `*.json`, `*.ndjson`, `*.jsonl`), or `-` for NDJSON on standard input.
import { readdirSync, readFileSync, statSync, lstatSync, existsSync, readlinkSync, openSync, readSync, closeSync } from "node:fs";
import { join } from "node:path";
import { constants } from "node:os";

/** The core's listing size limit (`InputLimits::listing_bytes`): 16 MiB. */
export const LISTING_BYTES = 16 << 20;

/** A listing over the size limit, worded as the core's `LimitError`. */
export function overSize(source, found) {
  const max = LISTING_BYTES;
  return {
    kind: "over_limit", source, limit: "listing_bytes", pointer: "", found, max,
    messages: {
      "zh-CN": `输入超出限制: 商品文件大小 (字节) 为 ${found}, 上限 ${max}`,
      en: `input over a limit: listing size in bytes is ${found}, the limit is ${max}`,
    },
  };
}

const isNdjson = (p) => /\.(ndjson|jsonl)$/.test(p);
const isListingFile = (p) => /\.(json|ndjson|jsonl)$/.test(p);

// The C library's words for the usual failures, which the CLI's reason quotes (Rust writes
// `strerror (os error N)`; Node's messages are libuv's, in lower case).
const STRERROR = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  ELOOP: "Too many levels of symbolic links",
  EMFILE: "Too many open files",
  EIO: "Input/output error",
};

/** The reason the CLI gives for a failed file-system call. */
function reason(e) {
  const n = constants.errno[e.code];
  if (n === undefined) return e.message;
  const libuv = /^[A-Z]+: ([^,]*)/.exec(e.message)?.[1] ?? e.code;
  const text = STRERROR[e.code] ?? libuv.charAt(0).toUpperCase() + libuv.slice(1);
  return `${text} (os error ${n})`;
}

/** An unusable input from a failed file-system call. */
export function ioError(source, e) {
  return { kind: "unreadable", source, io: e.code, reason: reason(e) };
}

/** `[{ input } | { error }]`: every input of `paths`, in order. */
export function discover(paths) {
  const out = [];
  for (const path of paths) {
    if (path === "-") {
      out.push({ input: { kind: "stdin" } });
      continue;
    }
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      out.push({ error: ioError(path, e) });
      continue;
    }
    if (st.isDirectory()) {
      const before = out.length;
      walk(path, out);
      if (out.length === before) out.push({ error: { kind: "no_listings", source: path } });
    } else {
      out.push({ input: { kind: isNdjson(path) ? "ndjson" : "json", path } });
    }
  }
  return out;
}

// Names compared as bytes, as Rust sorts them.
const byBytes = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir).sort(byBytes);
  } catch (e) {
    out.push({ error: ioError(dir, e) });
    return;
  }
  for (const name of names) {
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    let link;
    try {
      link = lstatSync(path);
    } catch {
      continue;
    }
    // Links to folders are not followed (no cycles); links to files are read like files.
    if (link.isDirectory()) walk(path, out);
    else if (isListingFile(path) && existsSync(path) && statSync(path).isFile()) {
      out.push({ input: { kind: isNdjson(path) ? "ndjson" : "json", path } });
    } else if (isListingFile(path) && link.isSymbolicLink() && !existsSync(path)) {
      out.push({ error: { kind: "dangling_link", source: path, target: readlinkSync(path) } });
    }
  }
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Bytes as text without a leading byte order mark; `null` when not UTF-8. */
export function text(bytes) {
  try {
    return UTF8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

/**
 * Calls `each({ source, text, lineOffset } | { source, error })` for every listing of
 * `input`, with `lineOffset` the lines before it (NDJSON). Returns how many items it gave.
 */
export function read(input, each) {
  if (input.kind === "json") {
    const { path } = input;
    let bytes;
    try {
      // A file over the limit is refused before it is read.
      const size = statSync(path).size;
      if (size > LISTING_BYTES) {
        each({ source: path, error: overSize(path, size) });
        return 1;
      }
      bytes = readFileSync(path);
    } catch (e) {
      each({ source: path, error: ioError(path, e) });
      return 1;
    }
    const t = text(bytes);
    if (t === null) each({ source: path, error: { kind: "not_utf8", source: path, line: lineOfBadUtf8(bytes) } });
    else if (t.trimStart().startsWith("[")) each({ source: path, error: { kind: "list_in_json_file", source: path } });
    else each({ source: path, text: t, lineOffset: 0 });
    return 1;
  }
  const name = input.kind === "stdin" ? "-" : input.path;
  let fd;
  try {
    fd = input.kind === "stdin" ? 0 : openSync(input.path, "r");
  } catch (e) {
    each({ source: name, error: ioError(name, e) });
    return 1;
  }
  try {
    return readLines(fd, name, each);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

const CHUNK = 1 << 20;
// A line is kept up to one byte past the limit, so that memory stays bounded whatever the
// input, and a longer line is reported by that length, as the CLI does.
const MAX_LINE = LISTING_BYTES + 1;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** NDJSON lines of an open file or standard input, read in chunks; see `read`. */
function readLines(fd, name, each) {
  const buf = Buffer.allocUnsafe(CHUNK);
  let parts = [];
  let len = 0;
  let lineNo = 0;
  let items = 0;
  let first = true;
  const finish = () => {
    lineNo++;
    const source = `${name}:${lineNo}`;
    let line = Buffer.concat(parts, len);
    parts = [];
    len = 0;
    if (first && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    first = false;
    if (line.length >= MAX_LINE) {
      each({ source, error: overSize(source, line.length) });
      items++;
      return;
    }
    const t = text(line);
    if (t === null) {
      each({ source, error: { kind: "not_utf8", source, line: lineNo } });
      items++;
    } else if (t.trim() !== "") {
      each({ source, text: t.replace(/\r$/, ""), lineOffset: lineNo - 1 });
      items++;
    }
  };
  for (;;) {
    let got;
    try {
      got = readSync(fd, buf, 0, CHUNK, null);
    } catch (e) {
      // A non-blocking standard input with nothing yet: wait a little and read again.
      if (e.code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (e.code === "EOF") break;
      each({ source: `${name}:${lineNo + 1}`, error: ioError(`${name}:${lineNo + 1}`, e) });
      return items + 1;
    }
    if (got === 0) break;
    let start = 0;
    while (start < got) {
      const nl = buf.indexOf(0x0a, start);
      const end = nl < 0 || nl >= got ? got : nl;
      const take = Math.min(MAX_LINE - len, end - start);
      if (take > 0) {
        parts.push(Buffer.from(buf.subarray(start, start + take)));
        len += take;
      }
      if (nl < 0 || nl >= got) break;
      finish();
      start = nl + 1;
    }
  }
  if (len > 0) finish();
  return items;
}

/** The line (from 1) holding the first bytes that are not UTF-8 (one pass, line by line). */
function lineOfBadUtf8(bytes) {
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    if (text(bytes.subarray(start, end)) === null) return line;
    start = end + 1;
  }
  return line;
}
