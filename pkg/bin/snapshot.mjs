// `shelfcheck snapshot check|shard` and `shelfcheck schema`: what the CLI prints and writes
// for the same snapshot (crates/cli/src/commands/{snapshot,shard,schema}.rs), computed by the
// same core functions in the module.
import { readFileSync, writeFileSync, mkdirSync, statSync, renameSync, rmSync } from "node:fs";
import { join, basename, dirname } from "node:path";
import { ioError, text } from "./inputs.mjs";
import { malformed, DEMO } from "./validate.mjs";
import { errorPrefix, inputLine, safe, safeLines, tr } from "./text.mjs";

const MAGIC = Buffer.from("SHCKSNAP");

/** A JSON snapshot file's text, or `{ error }` with the line the CLI prints. */
function readSnapshot(path, locale) {
  const cannot = (e) => ({ error: `${errorPrefix(locale)}${tr(locale, "无法使用快照", "cannot use the snapshot")}: ${safe(inputLine(locale, e))}` });
  let bytes;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return cannot(ioError(path, e));
  }
  if (bytes.subarray(0, 8).equals(MAGIC)) return cannot({ kind: "binary_snapshot", source: path });
  const t = text(bytes);
  return t === null ? cannot({ kind: "not_utf8", source: path }) : { text: t };
}

/** The CLI's line for a snapshot the module refused. */
function refused(path, e, locale) {
  if (e?.line !== undefined) {
    return `${errorPrefix(locale)}${tr(locale, "无法使用快照", "cannot use the snapshot")}: ${safe(inputLine(locale, malformed(path, e)))}`;
  }
  if (typeof e?.code === "string") return `${errorPrefix(locale)}${safe(path)}: ${safeLines(e.message)}`;
  throw e;
}

// Pads a label to a column; CJK characters count double, as terminals draw them.
function pad(label, locale) {
  const width = [...label].reduce((n, c) => n + (c.codePointAt(0) < 128 ? 1 : 2), 0);
  return label + " ".repeat(Math.max(0, (locale === "en" ? 15 : 12) - width));
}

// Up to 20 ids, then how many more.
function ids(list) {
  const shown = list.slice(0, 20).map(String);
  if (list.length > 20) shown.push(`… (+${list.length - 20})`);
  return shown.join(", ");
}

/**
 * `snapshot check FILE [--format human|json]`: 0 sound, 1 when some category has a required
 * property no listing can satisfy (every listing there would be refused), 2 broken or unusable.
 */
export function check(mod, { file, format, locale }, out, err) {
  const read = readSnapshot(file, locale);
  if (read.error) {
    err(`${read.error}\n`);
    return 2;
  }
  let r;
  try {
    r = { file, ...mod.checkSnapshot(read.text, locale) };
  } catch (e) {
    err(`${refused(file, e, locale)}\n`);
    return 2;
  }
  if (format === "json") {
    out(`${JSON.stringify(r, null, 2)}\n`);
  } else {
    const l = locale;
    out(`${safe(r.file)}\n`);
    const rows = [
      [tr(l, "平台", "platform"), `${r.platform} (${tr(l, "格式", "format")} ${r.format})`],
      [tr(l, "类目", "categories"), `${r.categories} (${tr(l, "叶子", "leaves")} ${r.leaves})`],
      [tr(l, "属性", "properties"), String(r.properties)],
      [tr(l, "属性值", "values"), String(r.values)],
      [tr(l, "哈希", "hash"), r.hash],
      [tr(l, "生成于", "built at"), r.built_at ?? "-"],
    ];
    for (const [label, value] of rows) out(`  ${pad(label, l)}${safe(value)}\n`);
    if (r.declared_hash !== undefined && r.declared_hash !== r.hash) {
      out(`  ${pad(tr(l, "声明的哈希", "declared hash"), l)}${safe(r.declared_hash)}\n`);
    }
    if (r.incomplete.length > 0) {
      out(`${l === "en"
        ? `! ${r.incomplete.length} categories have incomplete platform data (requests failed when fetched); their listings will be reported:`
        : `! ${r.incomplete.length} 个类目的平台数据不完整 (获取时有请求失败), 其商品将被报告:`}\n`);
      out(`  ${ids(r.incomplete)}\n`);
    }
    if (r.unsatisfiable.length > 0) {
      out(`${l === "en"
        ? `✗ ${r.unsatisfiable.length} required properties have no value to choose, so no listing in their categories can pass:`
        : `✗ ${r.unsatisfiable.length} 个必填属性没有可选的值, 所在类目的商品都无法通过校验:`}\n`);
      for (const u of r.unsatisfiable) {
        const note = u.incomplete ? tr(l, " (类目数据不完整)", " (incomplete category)") : "";
        out(l === "en"
          ? `  - category \`${safe(u.category)}\` (${u.category_id}): property \`${safe(u.prop)}\` (${u.pid})${note}\n`
          : `  - 类目 \`${safe(u.category)}\` (${u.category_id}): 属性 \`${safe(u.prop)}\` (${u.pid})${note}\n`);
      }
    }
    if (r.valid) {
      out(`${tr(l, "✓ 快照完整, 可以使用", "✓ the snapshot is sound")}\n`);
    } else {
      out(`${l === "en" ? `✗ the snapshot has ${r.problems.length} integrity problem(s):` : `✗ 快照有 ${r.problems.length} 处完整性问题:`}\n`);
      for (const p of r.problems) out(`  - ${safe(p.message)}\n`);
    }
  }
  return !r.valid ? 2 : r.unsatisfiable.length > 0 ? 1 : 0;
}

/** Replaces `path` through a temporary file beside it, so readers see the old or the new file. */
function writeAtomic(path, data) {
  const tmp = join(dirname(path), `.shelfcheck-${process.pid}-${basename(path)}.tmp`);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function cannotWrite(locale, path, e) {
  const reason = {
    EISDIR: tr(locale, "这是一个目录, 不是文件", "it is a folder, not a file"),
    ENOTDIR: tr(locale, "这不是目录", "it is not a folder"),
    EACCES: tr(locale, "没有写入权限", "permission denied"),
    ENOENT: tr(locale, "所在目录不存在", "its folder does not exist"),
  }[e.code] ?? e.message;
  return `${errorPrefix(locale)}${locale === "en" ? `cannot write ${safe(path)}: ${reason}` : `无法写入 ${safe(path)}: ${reason}`}`;
}

const plainName = (f) => f !== "" && f !== "." && f !== ".." && !f.includes("/") && !f.includes("\\");

/** `snapshot shard FILE -o DIR`: one snapshot per leaf category and index.json. */
export function shard(mod, { file, output, locale }, out, err) {
  const read = readSnapshot(file, locale);
  if (read.error) {
    err(`${read.error}\n`);
    return 2;
  }
  let cut;
  try {
    cut = mod.shardSnapshot(read.text, locale);
  } catch (e) {
    err(`${refused(file, e, locale)}\n`);
    return 2;
  }
  try {
    let isDir = true;
    try {
      isDir = statSync(output).isDirectory();
    } catch {
      // Not there yet: made below.
    }
    if (!isDir) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    mkdirSync(output, { recursive: true });
  } catch (e) {
    err(`${cannotWrite(locale, output, e)}\n`);
    return 2;
  }
  const indexPath = join(output, "index.json");
  let previous = [];
  try {
    previous = JSON.parse(readFileSync(indexPath, "utf8")).shards.map((e) => e.file);
  } catch {
    // No readable index: nothing of a previous run is removed.
  }
  const sizes = [];
  for (const s of cut.shards) {
    const bytes = Buffer.from(s.text);
    try {
      writeAtomic(join(output, s.file), bytes);
    } catch (e) {
      err(`${cannotWrite(locale, join(output, s.file), e)}\n`);
      return 2;
    }
    sizes.push(bytes.length);
  }
  try {
    writeAtomic(indexPath, cut.index);
  } catch (e) {
    err(`${cannotWrite(locale, indexPath, e)}\n`);
    return 2;
  }
  // Only the shards the old index listed and the new one does not: the folder may hold
  // anything else.
  const kept = new Set(cut.shards.map((s) => s.file));
  let removed = 0;
  for (const f of previous) {
    if (typeof f !== "string" || kept.has(f) || !plainName(f)) continue;
    try {
      rmSync(join(output, f));
      removed++;
    } catch {
      // Already gone.
    }
  }
  sizes.sort((a, b) => a - b);
  const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const largest = sizes.at(-1) ?? 0;
  const n = cut.shards.length;
  let line = locale === "en"
    ? `wrote ${n} shards and index.json → ${safe(output)} (median ${median} bytes, largest ${largest} bytes)`
    : `已写入 ${n} 个分片和 index.json → ${safe(output)} (中位 ${median} 字节, 最大 ${largest} 字节)`;
  if (removed > 0) {
    line += locale === "en"
      ? `; removed ${removed} shard(s) of the previous run no longer in the index`
      : `; 删除了上次写入、已不在索引中的 ${removed} 个分片`;
  }
  out(`${line}\n`);
  return 0;
}

/** `schema snapshot|listing|report`: the file the package ships, as the CLI prints it. */
export function schema(schemaDir, { kind }, out) {
  out(readFileSync(join(schemaDir, `${kind}.schema.json`), "utf8"));
  return 0;
}

export { DEMO };
