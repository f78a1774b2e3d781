// A small typed use of the package, checked with `tsc --noEmit` (see pack.test.mjs) against
// the installed tarball: the declarations must be precise enough to catch the mistakes marked
// with @ts-expect-error, or tsc fails on the unused directive.
import init, { Catalog, ShelfcheckError } from "shelfcheck";
import type {
  Completeness, FormDescriptor, FormField, FormOption, Issue, IssueKind, Listing, Locale, Report, ShelfcheckErrorCode,
  SkuCombination, SkuMatrix, CustomValues,
} from "shelfcheck";

declare const snapshotText: string;

await init();
const catalog = new Catalog(snapshotText);
const hash: string = catalog.hash;

const listing: Listing = {
  category_id: 50010850,
  title: "纯棉短袖T恤",
  props: [{ pid: 20000, vids: [3233] }, { name: "材质", values: ["棉"] }],
  skus: [{ props: [{ pid: 1627207, vid: 28320 }], price: "59.00", quantity: 10 }],
};

const report: Report = catalog.validate(listing, { locale: "en", missing_combinations: "error" });
const again: Report = catalog.validate(JSON.stringify(listing));
const ok: boolean = catalog.isValid(listing) && report.valid && again.snapshot_hash === hash;

for (const issue of report.issues) {
  // Issues are a union discriminated by `code`, each with its own typed params.
  if (issue.code === "TITLE_TOO_LONG") {
    const over: number = issue.params.chars - issue.params.max_chars;
    console.log(issue.path, issue.severity, over);
  }
  if (issue.code === "SKU_PRICE_INVALID") {
    const price: string | null | undefined = issue.params.price;
    console.log(price, issue.message);
  }
}

const form: FormDescriptor = catalog.form(50010850, "en");
const labels: string[] = form.fields.filter((f) => f.required).map((f) => f.label);
const depends: number | undefined = form.fields[0]?.depends_on?.pid;
const matrix: SkuMatrix = catalog.skuMatrix(50010850, [{ pid: 1627207, vids: [28320, 28341] }]);
// A value of the seller's own: a negative id named in `aliases`, as in a listing's props.
const own: SkuMatrix = catalog.skuMatrix(50010850, [{ pid: 1627207, vids: [28320, -1], aliases: { "-1": "雾霾蓝" } }]);
const ownLimits: CustomValues | null | undefined = form.fields.find((f) => f.sale)?.custom_values;
console.log(own.combinations.length, ownLimits?.max_bytes, ownLimits?.max_values);
const rows: number = matrix.combinations.length;
const progress: Completeness = catalog.completeness(listing);
const missing: string[] = progress.missing.map((m) => `${m.kind}:${m.label}`);

try {
  catalog.validate("{");
} catch (e) {
  if (e instanceof ShelfcheckError) {
    const code: ShelfcheckErrorCode = e.code;
    console.log(code, e.messages["zh-CN"], e.messages.en, e.pointer ?? "");
    // @ts-expect-error: a thrown error's code is never an issue code
    if (e.code === "SKU_LIMIT_EXCEEDED") console.log(e.line);
  }
}

// What a form renderer touches, by name.
const field: FormField | undefined = form.fields[0];
const option: FormOption | undefined = field?.options?.[0];
const combination: SkuCombination | undefined = matrix.combinations[0];
const locale: Locale = "en";
const issue: Issue | undefined = report.issues[0];
const kinds: IssueKind[] = report.issues;
console.log(option?.vid, combination?.names, locale, issue?.message, kinds.length);
// Ids as the runtime takes them: numbers, or strings holding one.
catalog.validate({ category_id: "50010850", props: [{ pid: "20000", vids: [3233, "3234"] }], skus: [{ props: [{ pid: "1627207", vid: 28320 }] }] });

// @ts-expect-error: options are named as in the JSON (snake_case)
catalog.validate(listing, { missingCombinations: "error" });

// @ts-expect-error: a category id is a number
catalog.validate({ category_id: [1] });
// @ts-expect-error: only zh-CN and en
catalog.form(50010850, "fr");
// @ts-expect-error: a report has no `ok` member
console.log(report.ok);
// @ts-expect-error: severities are "error" | "warning"
const sev: "fatal" = report.issues[0]!.severity;

console.log(ok, labels, depends, rows, missing, sev);
catalog.free();
catalog[Symbol.dispose]();
