// Words the `shelfcheck` command prints, in both locales: the same text as the Rust CLI
// (crates/cli/src/text.rs, error.rs, terminal.rs) for the same outcome.

/** `zh` or `en` by locale. */
export const tr = (locale, zh, en) => (locale === "en" ? en : zh);

export const errorPrefix = (locale) => tr(locale, "错误: ", "error: ");

export const severity = (locale, s) =>
  s === "error" ? tr(locale, "错误", "error") : tr(locale, "警告", "warning");

const plural = (n, word) => (n === 1 ? word : `${word}s`);

export const counts = (locale, errors, warnings) =>
  locale === "en"
    ? `${errors} ${plural(errors, "error")}, ${warnings} ${plural(warnings, "warning")}`
    : `${errors} 个错误, ${warnings} 个警告`;

/** The closing line of a validation run. */
export function summaryLine(locale, { listings, valid, invalid, errors, warnings, unusable }) {
  let s = locale === "en"
    ? `${listings} ${plural(listings, "listing")}: ${valid} valid, ${invalid} invalid (${counts(locale, errors, warnings)})`
    : `共 ${listings} 个商品: ${valid} 个通过, ${invalid} 个未通过 (${counts(locale, errors, warnings)})`;
  if (unusable > 0) {
    s += locale === "en" ? `; ${unusable} ${plural(unusable, "input")} unusable` : `; ${unusable} 个输入无法使用`;
  }
  return s;
}

// Control characters (C0, DEL, C1) and the bidirectional overrides and isolates: strings
// from sellers and platforms must not move the cursor, recolour or reorder a terminal.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with every unsafe character shown as an escape (`\n`, `\u{1b}`), as the CLI does. */
export function safe(text) {
  return String(text).replace(UNSAFE, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : `\\u{${c.codePointAt(0).toString(16)}}`);
}

/** `safe` line by line, keeping the text's own line breaks. */
export const safeLines = (text) => String(text).split("\n").map(safe).join("\n");

/** A locale name read as the core does (`zh`, `zh-…`, `zh_…`, `en`…); `null` otherwise. */
export function parseLocale(name) {
  const l = String(name).toLowerCase();
  if (l === "zh" || l.startsWith("zh-") || l.startsWith("zh_")) return "zh-CN";
  if (l === "en" || l.startsWith("en-") || l.startsWith("en_")) return "en";
  return null;
}

/**
 * The locale: `--locale` (exactly `zh-CN` or `en`; `null` for anything else), else
 * $SHELFCHECK_LOCALE read leniently, else zh-CN. `LANG` is not read, as by the CLI.
 */
export function pickLocale(flag, env = process.env) {
  if (flag !== undefined) return flag === "zh-CN" || flag === "en" ? flag : null;
  return (env.SHELFCHECK_LOCALE && parseLocale(env.SHELFCHECK_LOCALE)) || "zh-CN";
}

/** What an unusable input says, as the CLI's InputError does. */
export function inputMessage(locale, e) {
  const zh = locale !== "en";
  switch (e.kind) {
    case "unreadable":
      if (e.io === "ENOENT") return zh ? "文件或目录不存在" : "no such file or directory";
      if (e.io === "EACCES") return zh ? "没有读取权限" : "permission denied";
      if (e.io === "EISDIR") return zh ? "这是一个目录, 不是文件" : "this is a folder, not a file";
      return zh ? `无法读取: ${e.reason}` : `cannot be read: ${e.reason}`;
    case "not_utf8":
      return zh ? "不是有效的 UTF-8 文本" : "not valid UTF-8 text";
    case "malformed":
    case "over_limit":
      return e.messages[zh ? "zh-CN" : "en"];
    case "list_in_json_file":
      return zh
        ? "文件是一个 JSON 数组: 每个 *.json 文件只放一个商品, 多个商品请用 *.ndjson (每行一个)"
        : "the file is a JSON array: a *.json file holds one listing; put several in a *.ndjson file, one per line";
    case "no_listings":
      return zh ? "目录中没有 *.json、*.ndjson 或 *.jsonl 文件" : "the folder holds no *.json, *.ndjson or *.jsonl file";
    case "dangling_link":
      return zh ? `符号链接指向的文件不存在: ${e.target}` : `a symbolic link to a file that does not exist: ${e.target}`;
    case "empty":
      return zh
        ? "没有任何商品 (输入为空或只有空行), 没有校验任何内容"
        : "holds no listing (empty or blank lines only): nothing was validated";
    case "binary_snapshot":
      return zh
        ? "这是二进制快照; 该命令只读取 JSON 快照, 请使用编译它的 JSON 文件"
        : "this is a binary snapshot; this command reads JSON snapshots: use the JSON file it was compiled from";
    default:
      return e.kind;
  }
}

const hasLine = (source) => /:\d+$/.test(source);

/** `file:line:column` (an NDJSON source already ends in its line), else the source. */
export function inputLocation(e) {
  if (e.kind === "malformed") return hasLine(e.source) ? `${e.source}:${e.column}` : `${e.source}:${e.line}:${e.column}`;
  if (e.kind === "not_utf8" && e.line !== undefined && !hasLine(e.source)) return `${e.source}:${e.line}`;
  return e.source;
}

export const inputLine = (locale, e) => `${inputLocation(e)}: ${inputMessage(locale, e)}`;
