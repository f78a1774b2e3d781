// A project on TypeScript's legacy `node10` resolution (checked by pack.test.mjs with TypeScript 5,
// the last version that has it): it ignores `exports`, so the package's `types` and
// `typesVersions` fields alone must give the Node build's declarations and the subpaths'.
import { Catalog, ShelfcheckError, type Report } from "shelfcheck";
import { type ShardCategory } from "shelfcheck/shards";
import { titleLength, type TitleLength } from "shelfcheck/title";

declare const snapshotText: string;

const catalog = new Catalog(snapshotText, "en");
const report: Report = catalog.validate({ category_id: 50010850 });
try {
  catalog.form(1);
} catch (e) {
  if (e instanceof ShelfcheckError) console.log(e.code);
}
const count: TitleLength = titleLength("纯棉T恤", catalog.form(50010850).title);
const first: ShardCategory | undefined = undefined;
console.log(report.valid, count.bytes, first);
catalog.free();
