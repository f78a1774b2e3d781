/** The part of the package's `Catalog` class the shard loader uses. */
export interface CatalogLike {
  readonly hash: string;
  free(): void;
}

export type CatalogClass<C extends CatalogLike> = new (snapshot: string, locale?: "zh-CN" | "en") => C;

/** One leaf category of a shard index. */
export interface ShardCategory {
  id: number;
  /** Category names from the top level down, in Chinese. */
  path: string[];
  /** English names where the snapshot has them, else the Chinese ones. */
  pathEn: string[];
  status: string;
  /** The shard's file, relative to the index. */
  file: string;
  /** The shard's content hash (what its reports echo). */
  hash: string;
}

/** The codes the loader throws (a `ShelfcheckError` like the module's). */
export type ShardErrorCode =
  | "INDEX_INVALID"
  | "INDEX_UNREACHABLE"
  | "CATEGORY_UNKNOWN"
  | "SHARD_UNREACHABLE"
  | "SHARD_HASH_MISMATCH"
  | "LOAD_SUPERSEDED";

export interface ShardError extends Error {
  name: "ShelfcheckError";
  code: ShardErrorCode;
  messages: { "zh-CN": string; en: string };
  /** Ids, URLs and hashes of the failure. */
  params: Record<string, unknown>;
}

export interface OpenShardsOptions<C extends CatalogLike> {
  /** The package's `Catalog` class (`import { Catalog } from "shelfcheck"`). */
  Catalog: CatalogClass<C>;
  locale?: "zh-CN" | "en";
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export declare class ShardSet<C extends CatalogLike> {
  readonly url: string;
  readonly platform: string;
  readonly snapshotHash: string;
  readonly categories: ShardCategory[];
  /** The catalog of the category loaded last. */
  catalog: C | null;
  categoryId: number | null;
  category(id: number | string): ShardCategory | undefined;
  /** Fetches, checks (hash) and compiles one category's shard, freeing the previous catalog. */
  loadCategory(id: number | string, options?: { signal?: AbortSignal }): Promise<C>;
  free(): void;
}

/** Fetches and checks a shard index (`index.json`). */
export function openShards<C extends CatalogLike>(indexUrl: string | URL, options: OpenShardsOptions<C>): Promise<ShardSet<C>>;
