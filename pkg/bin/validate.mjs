// `shelfcheck validate`: every listing of every input, reported as it is read, in the
// CLI's `human` or `json` format (crates/cli/src/output/), with its exit codes: 0 all valid,
// 1 some listing has errors, 2 some input or the snapshot could not be used.
import { readFileSync } from "node:fs";
import { discover, read, text, ioError } from "./inputs.mjs";
import { counts, errorPrefix, inputLine, inputMessage, safe, safeLines, severity, summaryLine, tr } from "./text.mjs";

/** What `validate` without `--snapshot` names the embedded demo snapshot. */
export const DEMO = "<demo>";
const MAGIC = Buffer.from("SHCKSNAP");

const WHAT = [
  ["invalid JSON", "syntax"],
  ["unexpected content", "data"],
  ["JSON ends unexpectedly", "eof"],
];

/**
 * The CLI's description of a JSON parse failure the module threw (`LISTING_INVALID`,
 * `SNAPSHOT_INVALID`): category and reason are read back from the English message, which the
 * module words as the CLI does (`{what}[ at `{pointer}`]: {reason}`).
 */
export function malformed(source, e, lineOffset = 0) {
  const en = e.messages.en;
  const [what, category] = WHAT.find(([w]) => en.startsWith(w)) ?? [en, "syntax"];
  const head = e.pointer !== undefined ? `${what} at \`${e.pointer}\`: ` : `${what}: `;
  const out = { kind: "malformed", source, line: e.line + lineOffset, column: e.column };
  if (e.pointer !== undefined) out.pointer = e.pointer;
  return { ...out, category, reason: en.slice(head.length), messages: e.messages };
}

/** An error the module threw about an input, as the CLI's description of it. */
function inputError(source, e, lineOffset) {
  if (e?.line !== undefined) return malformed(source, e, lineOffset);
  if (e?.code === "INPUT_OVER_LIMIT") return { kind: "over_limit", source, messages: e.messages };
  throw e;
}

/**
 * The catalog of `--snapshot FILE` (JSON or binary), or of the demo snapshot at `demoPath`;
 * `{ error }` holds the line to print when it cannot be used.
 */
export function loadCatalog(mod, path, demoPath, locale) {
  const source = path ?? DEMO;
  const cannot = (e) => `${errorPrefix(locale)}${tr(locale, "无法使用快照", "cannot use the snapshot")}: ${safe(inputLine(locale, e))}`;
  let bytes;
  try {
    bytes = readFileSync(path ?? demoPath);
  } catch (e) {
    return { error: cannot(ioError(source, e)) };
  }
  try {
    if (bytes.subarray(0, 8).equals(MAGIC)) return { catalog: mod.Catalog.fromBinary(bytes, locale) };
    const t = text(bytes);
    if (t === null) return { error: cannot({ kind: "not_utf8", source }) };
    return { catalog: new mod.Catalog(t, locale) };
  } catch (e) {
    if (e?.line !== undefined || e?.code === "INPUT_OVER_LIMIT") return { error: cannot(inputError(source, e, 0)) };
    if (typeof e?.code === "string") return { error: `${errorPrefix(locale)}${safe(source)}: ${safeLines(e.message)}` };
    throw e;
  }
}

function human(out, err, locale) {
  return {
    report(r) {
      out(`${r.valid ? "✓" : "✗"} ${safe(r.source)}${r.issues.length ? `  (${counts(locale, r.errors, r.warnings)})` : ""}\n`);
      for (const i of r.issues) {
        out(`  ${severity(locale, i.severity)} ${safe(i.path === "" ? "/" : i.path)} [${i.code}] ${safe(i.message)}\n`);
      }
    },
    inputError(e) {
      err(`${errorPrefix(locale)}${safe(inputLine(locale, e))}\n`);
    },
    finish(s) {
      if (s.listings + s.unusable > 0) out("\n");
      out(`${summaryLine(locale, s)}\n`);
    },
  };
}

function json(out, err, locale) {
  return {
    report(r) {
      out(`${JSON.stringify(r)}\n`);
    },
    inputError(e) {
      const { messages, io, ...body } = e;
      out(`${JSON.stringify({ source: e.source, valid: false, error: { ...body, message: inputMessage(locale, e) } })}\n`);
    },
    finish(s) {
      err(`${summaryLine(locale, s)}\n`);
    },
  };
}

/**
 * Runs `validate`; `opts` holds `paths`, `snapshot`, `format`, `locale`,
 * `missingCombinations`, `sellerScope`; `out`/`err` write text. Returns the exit code.
 */
export function validate(mod, demoPath, opts, out, err) {
  const { locale } = opts;
  const loaded = loadCatalog(mod, opts.snapshot, demoPath, locale);
  if (loaded.error) {
    err(`${loaded.error}\n`);
    return 2;
  }
  const { catalog } = loaded;
  const options = { locale, missing_combinations: opts.missingCombinations, seller_scope: opts.sellerScope };
  const reporter = (opts.format === "json" ? json : human)(out, err, locale);
  const s = { listings: 0, valid: 0, invalid: 0, errors: 0, warnings: 0, unusable: 0 };
  const record = (item) => {
    if (item.error) {
      s.unusable++;
      reporter.inputError(item.error);
      return;
    }
    let report;
    try {
      report = catalog.validate(item.text, options);
    } catch (e) {
      s.unusable++;
      reporter.inputError(inputError(item.source, e, item.lineOffset));
      return;
    }
    s.listings++;
    s[report.valid ? "valid" : "invalid"]++;
    s.errors += report.errors;
    s.warnings += report.warnings;
    reporter.report({ source: item.source, ...report });
  };
  let stdinUsed = false;
  for (const found of discover(opts.paths)) {
    if (found.error) {
      record(found);
      continue;
    }
    const { input } = found;
    // Standard input can be read once: a second `-` reads nothing.
    if (input.kind === "stdin" && stdinUsed) continue;
    stdinUsed ||= input.kind === "stdin";
    const seen = read(input, record);
    // A stream or NDJSON file that gave nothing must not pass (an empty folder does not).
    if (seen === 0 && input.kind !== "json") record({ error: { kind: "empty", source: input.path ?? "-" } });
  }
  reporter.finish(s);
  catalog.free();
  return s.unusable > 0 ? 2 : s.invalid > 0 ? 1 : 0;
}
