// Typed use of the shard loader and the title counter (checked by pack.test.mjs with tsc).
import init, { Catalog } from "shelfcheck";
import { openShards, type ShardCategory, type ShardError } from "shelfcheck/shards";
import { titleLength, type TitleLength } from "shelfcheck/title";

export async function pick(id: number): Promise<string> {
  await init();
  const shards = await openShards("/shards/index.json", { Catalog, locale: "en" });
  const first: ShardCategory | undefined = shards.categories[0];
  const catalog: Catalog = await shards.loadCategory(first?.id ?? id);
  const report = catalog.validate({ category_id: id, title: "T恤" });
  const form = catalog.form(id, "en");
  const count: TitleLength = titleLength("纯棉T恤", form.title);
  shards.free();
  return `${report.valid} ${count.bytes} ${count.over}`;
}

export function codeOf(e: unknown): string | undefined {
  return (e as ShardError).code;
}
