// Category metadata in shards (`shelfcheck snapshot shard SNAPSHOT -o DIR`, or the demo
// shards in `shelfcheck/demo/shards/`): the index for a category picker, then one category's
// shard at a time, compiled into a `Catalog`.
//
// The `Catalog` class is passed in rather than imported, so this module works the same over
// every build of the package (browser, bundler, Node) and adds nothing to the one it is used
// with.
import { ShelfcheckError } from "./error.js";

const MESSAGES = {
  INDEX_INVALID: (d) => [`分片索引无法使用 (${d.url}): ${d.why.zh}`, `the shard index cannot be used (${d.url}): ${d.why.en}`],
  INDEX_UNREACHABLE: (d) => [`无法获取分片索引 ${d.url}: ${d.why}`, `cannot fetch the shard index ${d.url}: ${d.why}`],
  CATEGORY_UNKNOWN: (d) => [`分片索引中没有类目 ${d.id}`, `the shard index has no category ${d.id}`],
  SHARD_UNREACHABLE: (d) => [`无法获取类目 ${d.id} 的分片 ${d.url}: ${d.why}`, `cannot fetch the shard of category ${d.id} (${d.url}): ${d.why}`],
  SHARD_HASH_MISMATCH: (d) => [
    `类目 ${d.id} 的分片与索引不符 (索引 ${d.expected}, 实际 ${d.found}): 分片或索引已过期, 请重新生成`,
    `the shard of category ${d.id} does not match the index (index ${d.expected}, shard ${d.found}): the shard or the index is stale; cut them again`,
  ],
  LOAD_SUPERSEDED: (d) => [`类目 ${d.id} 的加载已被之后的加载取代`, `loading category ${d.id} was superseded by a later load`],
};

/** A `ShelfcheckError`: `code`, both messages, the message in `locale`. */
function fail(code, locale, details) {
  const [zh, en] = MESSAGES[code](details);
  return new ShelfcheckError(code, { "zh-CN": zh, en }, locale, details);
}

/** Why a parsed index is unusable (`{ zh, en }` naming the JSON Pointer), or `null`. */
function indexProblem(index) {
  const at = (pointer, zh, en) => ({ zh: `${pointer}: ${zh}`, en: `${pointer}: ${en}` });
  if (typeof index !== "object" || index === null || Array.isArray(index)) return at("/", "应为对象", "expected an object");
  if (index.format !== 1) return at("/format", `不支持的格式 ${JSON.stringify(index.format)} (支持 1)`, `unsupported format ${JSON.stringify(index.format)} (1 is supported)`);
  if (!Array.isArray(index.shards)) return at("/shards", "应为数组", "expected an array");
  for (const [i, s] of index.shards.entries()) {
    const p = `/shards/${i}`;
    if (typeof s !== "object" || s === null) return at(p, "应为对象", "expected an object");
    if (!Number.isSafeInteger(s.category_id) && !/^\d+$/.test(String(s.category_id))) return at(`${p}/category_id`, "应为类目 id", "expected a category id");
    if (typeof s.file !== "string" || s.file === "") return at(`${p}/file`, "应为文件名", "expected a file name");
    if (typeof s.hash !== "string") return at(`${p}/hash`, "应为字符串", "expected a string");
    if (!Array.isArray(s.path)) return at(`${p}/path`, "应为数组", "expected an array");
  }
  return null;
}

/**
 * Fetches and checks a shard index; resolves to a `ShardSet`.
 *
 * @param {string | URL} indexUrl where `index.json` is; shard files are fetched relative to it.
 * @param {{ Catalog: Function, locale?: "zh-CN" | "en", fetch?: typeof fetch, signal?: AbortSignal }} options
 */
export async function openShards(indexUrl, { Catalog, locale = "zh-CN", fetch = globalThis.fetch, signal } = {}) {
  if (typeof Catalog !== "function") throw new TypeError("openShards: options.Catalog must be the package's Catalog class");
  const url = new URL(String(indexUrl), globalThis.location?.href ?? undefined).href;
  let index;
  try {
    const res = await fetch(url, { signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    index = await res.json();
  } catch (e) {
    if (e?.name === "AbortError") throw e;
    if (e instanceof SyntaxError) {
      throw fail("INDEX_INVALID", locale, { url, why: { zh: `不是有效的 JSON (${e.message})`, en: `not valid JSON (${e.message})` } });
    }
    throw fail("INDEX_UNREACHABLE", locale, { url, why: e?.message ?? String(e) });
  }
  const problem = indexProblem(index);
  if (problem) throw fail("INDEX_INVALID", locale, { url, why: problem });
  // Called as a plain function: a browser's `fetch` throws "Illegal invocation" when called
  // as a method of another object.
  return new ShardSet(url, index, { Catalog, locale, fetch: (...args) => fetch(...args) });
}

/** The categories of a shard index and the one compiled `Catalog` of the category in use. */
export class ShardSet {
  #Catalog;
  #locale;
  #fetch;
  #byId;
  #generation = 0;

  constructor(url, index, { Catalog, locale, fetch }) {
    this.url = url;
    this.platform = index.platform;
    this.snapshotHash = index.snapshot_hash;
    /** Every leaf category: `{ id, path, pathEn, status, file, hash }`, in index order. */
    this.categories = index.shards.map((s) => ({
      id: Number(s.category_id),
      path: s.path,
      pathEn: Array.isArray(s.path_en) ? s.path_en : s.path,
      status: s.status ?? "normal",
      file: s.file,
      hash: s.hash,
    }));
    this.#byId = new Map(this.categories.map((c) => [c.id, c]));
    this.#Catalog = Catalog;
    this.#locale = locale;
    this.#fetch = fetch;
    /** The catalog of the category loaded last, or `null`. */
    this.catalog = null;
    /** Its category id, or `null`. */
    this.categoryId = null;
  }

  /** The index entry of a category, or `undefined`. */
  category(id) {
    return this.#byId.get(Number(id));
  }

  /**
   * Fetches one category's shard, checks its content hash against the index, compiles it and
   * frees the catalog it replaces. A load overtaken by a later one is freed and rejected
   * (`LOAD_SUPERSEDED`), so a picker that changes fast never ends on a stale category.
   */
  async loadCategory(id, { signal } = {}) {
    const entry = this.category(id);
    if (!entry) throw fail("CATEGORY_UNKNOWN", this.#locale, { id: String(id) });
    const generation = ++this.#generation;
    const url = new URL(entry.file, this.url).href;
    let text;
    try {
      const res = await this.#fetch(url, { signal });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      text = await res.text();
    } catch (e) {
      if (e?.name === "AbortError") throw e;
      throw fail("SHARD_UNREACHABLE", this.#locale, { id: entry.id, url, why: e?.message ?? String(e) });
    }
    if (generation !== this.#generation) throw fail("LOAD_SUPERSEDED", this.#locale, { id: entry.id });
    const catalog = new this.#Catalog(text, this.#locale);
    const found = catalog.hash;
    if (found !== entry.hash) {
      catalog.free();
      throw fail("SHARD_HASH_MISMATCH", this.#locale, { id: entry.id, expected: entry.hash, found });
    }
    this.catalog?.free();
    this.catalog = catalog;
    this.categoryId = entry.id;
    return catalog;
  }

  /** Frees the current catalog. */
  free() {
    this.catalog?.free();
    this.catalog = null;
    this.categoryId = null;
  }
}
