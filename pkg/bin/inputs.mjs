// The listings of the paths given to `shelfcheck validate`, found and read as the CLI does
// (crates/cli/src/input.rs): a file (`*.ndjson`/`*.jsonl`: one listing per line, else one
// listing), a folder walked recursively (entries sorted by name, hidden ones skipped, only
// `*.json`, `*.ndjson`, `*.jsonl`), or `-` for NDJSON on standard input.
import { readdirSync, readFileSync, statSync, lstatSync, existsSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { constants } from "node:os";

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
 * Calls `each({ source, text } | { source, error })` for every listing of `input`, with
 * `text` the listing's JSON and `line` the line it starts on (for NDJSON). Returns how many
 * items it gave.
 */
export function read(input, each) {
  if (input.kind === "json") {
    let bytes;
    try {
      bytes = readFileSync(input.path);
    } catch (e) {
      each({ source: input.path, error: ioError(input.path, e) });
      return 1;
    }
    const t = text(bytes);
    if (t === null) each({ source: input.path, error: { kind: "not_utf8", source: input.path, line: lineOfBadUtf8(bytes) } });
    else if (t.trimStart().startsWith("[")) each({ source: input.path, error: { kind: "list_in_json_file", source: input.path } });
    else each({ source: input.path, text: t, lineOffset: 0 });
    return 1;
  }
  let bytes;
  const name = input.kind === "stdin" ? "-" : input.path;
  try {
    bytes = readFileSync(input.kind === "stdin" ? 0 : input.path);
  } catch (e) {
    each({ source: name, error: ioError(name, e) });
    return 1;
  }
  let start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let n = 0;
  let lineNo = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    lineNo++;
    const source = `${name}:${lineNo}`;
    const t = text(bytes.subarray(start, end));
    start = end + 1;
    if (t === null) {
      each({ source, error: { kind: "not_utf8", source, line: lineNo } });
      n++;
    } else if (t.trim() !== "") {
      each({ source, text: t.replace(/\r$/, ""), lineOffset: lineNo - 1 });
      n++;
    }
  }
  return n;
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
