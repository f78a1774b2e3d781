// Turns the JSON Schemas of the package's Rust types (written by
// `cargo run -p shelfcheck-wasm --example ts-schemas -- DIR`) into one TypeScript
// declaration file, so the package's types are generated from the Rust types, never
// written by hand.
//
//   node scripts/schemas-to-ts.mjs SCHEMA_DIR OUT.d.ts
//
// Inputs (snapshot, listing, options) are described as the Rust side deserialises them and
// outputs (report, form, completeness, SKU matrix) as it serialises them, so optional
// members are exactly those that may be left out or may be absent.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "../pkg/package.json"));
const { compile } = require("json-schema-to-typescript");

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error("usage / 用法: node scripts/schemas-to-ts.mjs SCHEMA_DIR OUT.d.ts");
  process.exit(2);
}

const read = (name) => JSON.parse(readFileSync(join(dir, name), "utf8"));
const inputs = read("inputs.json");
const outputs = read("outputs.json");

// Ids in a listing and a SKU selection are read from numbers or from strings holding one (as
// the command line reads them): their members say so. Every 64-bit integer there is an id.
const idsAsRead = (node) => {
  if (Array.isArray(node)) return node.map(idsAsRead);
  if (!node || typeof node !== "object") return node;
  const copy = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, idsAsRead(v)]));
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (node.format === "int64" && types.includes("integer")) copy.type = [...types, "string"];
  return copy;
};
const listingSide = new Set();
const reach = (node) => {
  if (Array.isArray(node)) return node.forEach(reach);
  if (!node || typeof node !== "object") return;
  if (typeof node.$ref === "string") {
    const name = node.$ref.replace("#/$defs/", "");
    if (!listingSide.has(name) && inputs.$defs?.[name]) {
      listingSide.add(name);
      reach(inputs.$defs[name]);
    }
  }
  Object.values(node).forEach(reach);
};
for (const root of ["listing", "sku_selection"]) {
  if (!inputs.properties?.[root]) throw new Error(`no input ${root} in ${dir}`);
  reach(inputs.properties[root]);
  inputs.properties[root] = idsAsRead(inputs.properties[root]);
}
for (const name of listingSide) inputs.$defs[name] = idsAsRead(inputs.$defs[name]);

// One set of definitions: a type both sides describe identically is declared once; a type
// whose output form differs (members that are always present) keeps its name on the input
// side and gets an `Output` suffix on the output side.
const inDefs = inputs.$defs ?? {};
const outDefs = outputs.$defs ?? {};
const renamed = new Map(
  Object.keys(outDefs)
    .filter((n) => n in inDefs && !isDeepStrictEqual(inDefs[n], outDefs[n]))
    .map((n) => [n, `${n}Output`]),
);
// References point into one `definitions` table (the generator deduplicates only that
// spelling, not `$defs`), and a reference keeps no sibling keywords: with a `description`
// or a `default` beside it the generator would declare a second copy of the referenced type.
// Defaults say nothing about types and are dropped everywhere.
const rewrite = (node, names, inProperties = false) => {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, names));
  if (!node || typeof node !== "object") return node;
  if (!inProperties && typeof node.$ref === "string") {
    const ref = node.$ref.replace("#/$defs/", "");
    return { $ref: `#/definitions/${names.get(ref) ?? ref}` };
  }
  const copy = {};
  for (const [k, v] of Object.entries(node)) {
    if (!inProperties && k === "default") continue;
    copy[k] = rewrite(v, names, !inProperties && k === "properties");
  }
  return copy;
};
const same = new Map();
const defs = {};
for (const [name, schema] of Object.entries(inDefs)) defs[name] = rewrite(schema, same);
for (const [name, schema] of Object.entries(outDefs)) {
  const target = renamed.get(name) ?? name;
  if (!(target in defs)) defs[target] = rewrite(schema, renamed);
}
const inProps = rewrite(inputs.properties ?? {}, same, true);
const outProps = rewrite(outputs.properties ?? {}, renamed, true);
if (renamed.size) console.log(`[schemas-to-ts] output-only forms: ${[...renamed.values()].join(", ")}`);

// Each root member names one public type; give each a definition of its own under the
// name the package uses.
const roots = {};
for (const [key, schema] of Object.entries({ ...inProps, ...outProps })) {
  const name = schema.title ?? key;
  roots[name] = schema;
}

const wrapper = {
  title: "ShelfcheckTypes",
  type: "object",
  additionalProperties: false,
  properties: Object.fromEntries(Object.keys(roots).map((n) => [n, roots[n]])),
  required: Object.keys(roots),
  definitions: defs,
};

let ts = await compile(wrapper, "ShelfcheckTypes", {
  bannerComment:
    "/* Generated from the Rust types of shelfcheck-core by scripts/schemas-to-ts.mjs; do not edit. */",
  additionalProperties: false,
  unreachableDefinitions: true,
  strictIndexSignatures: true,
  format: true,
  style: { singleQuote: false },
});
// The generator numbers the anonymous half of `Issue` (its code/params union); give it the
// name of the Rust type it comes from.
ts = ts.replace(/\bIssue1\b/g, "IssueKind");
writeFileSync(out, ts);
console.log(`[schemas-to-ts] ${out}: ${ts.split("\n").length} lines`);
