// A CommonJS module of a project (checked by pack.test.mjs with tsc): `require("shelfcheck")`
// must give the Node build's declarations.
import shelfcheck = require("shelfcheck");

declare const snapshotText: string;

const catalog = new shelfcheck.Catalog(snapshotText, "en");
const report: shelfcheck.Report = catalog.validate({ category_id: 50010850 });
try {
  catalog.form(1);
} catch (e) {
  if (e instanceof shelfcheck.ShelfcheckError) console.log(e.code);
}
// @ts-expect-error: the Node build loads binary snapshots from bytes
shelfcheck.Catalog.fromBinary("taobao.bin");
console.log(report.valid);
catalog.free();
