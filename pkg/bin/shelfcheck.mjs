#!/usr/bin/env node
// `shelfcheck` over the package's Node build, for teams without Rust:
//
//   shelfcheck validate [--snapshot FILE] [--format human|json] [--locale zh-CN|en]
//                       [--missing-combinations warning|error] [--no-seller-scope] PATH...
//   shelfcheck snapshot check FILE [--format human|json]
//   shelfcheck snapshot shard FILE -o DIR
//   shelfcheck schema snapshot|listing|report
//
// Same output and exit codes as the Rust CLI for the same input (pkg/test/bin.test.mjs
// compares them). Fetching metadata from the platforms stays with the Rust CLI.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { pickLocale } from "./text.mjs";
import { validate } from "./validate.mjs";
import { check, shard, schema } from "./snapshot.mjs";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const require = createRequire(import.meta.url);
// The package's `Catalog`, and the snapshot tools of the Node build's glue, which are not part
// of the package's API.
const { checkSnapshot, shardSnapshot } = require(join(DIST, "node", "glue.js"));
const mod = { Catalog: require(join(DIST, "node", "shelfcheck.js")).Catalog, checkSnapshot, shardSnapshot };

const USAGE = `用法 / usage:
  shelfcheck validate [--snapshot FILE] [--format human|json] [--locale zh-CN|en]
                      [--missing-combinations warning|error] [--no-seller-scope] PATH...
  shelfcheck snapshot check FILE [--format human|json] [--locale zh-CN|en]
  shelfcheck snapshot shard FILE -o DIR [--locale zh-CN|en]
  shelfcheck schema snapshot|listing|report
从各平台拉取元数据请使用 Rust 版命令行 (shelfcheck fetch) / fetching from the platforms needs the Rust CLI (shelfcheck fetch)
`;

/** Command-line mistake: usage on standard error, exit 2. */
class Usage extends Error {}

const FLAGS = new Set(["--no-seller-scope"]);
const VALUES = {
  "--snapshot": null,
  "--format": ["human", "json"],
  "--locale": ["zh-CN", "en"],
  "--missing-combinations": ["warning", "error"],
  "-o": null,
  "--output": null,
};

/** `{ positional, options }` of the arguments after the subcommand. */
function parse(args) {
  const positional = [];
  const options = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-" || !a.startsWith("-")) {
      positional.push(a);
      continue;
    }
    if (a === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    const [name, inline] = a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (FLAGS.has(name) && inline === undefined) {
      options[name] = true;
    } else if (name in VALUES) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new Usage(`${name}: 缺少取值 / missing value`);
      const allowed = VALUES[name];
      if (allowed && !allowed.includes(value)) {
        throw new Usage(`${name} ${value}: 可选 / possible values: ${allowed.join(", ")}`);
      }
      options[name === "--output" ? "-o" : name] = value;
    } else {
      throw new Usage(`未知选项 / unknown option: ${a}`);
    }
  }
  return { positional, options };
}

/** Runs one command line; returns the exit code. */
export function main(argv, out = (s) => process.stdout.write(s), err = (s) => process.stderr.write(s)) {
  try {
    const [command, ...rest] = argv;
    const sub = command === "snapshot" ? rest.shift() : undefined;
    const { positional, options } = parse(rest);
    const locale = pickLocale(options["--locale"]);
    if (locale === null) throw new Usage(`--locale ${options["--locale"]}: 可选 / possible values: zh-CN, en`);
    const format = options["--format"] ?? "human";
    const one = (what) => {
      if (positional.length !== 1) throw new Usage(`需要一个${what[0]} / expected one ${what[1]}`);
      return positional[0];
    };
    switch (command === "snapshot" ? `snapshot ${sub}` : command) {
      case "validate":
        if (positional.length === 0) throw new Usage("需要至少一个路径 / expected at least one PATH");
        return validate(mod, join(DIST, "demo", "snapshot.json"), {
          paths: positional,
          snapshot: options["--snapshot"],
          format,
          locale,
          missingCombinations: options["--missing-combinations"] ?? "warning",
          sellerScope: !options["--no-seller-scope"],
        }, out, err);
      case "snapshot check":
        return check(mod, { file: one(["个快照文件", "snapshot FILE"]), format, locale }, out, err);
      case "snapshot shard":
        if (!options["-o"]) throw new Usage("需要 -o DIR / -o DIR is required");
        return shard(mod, { file: one(["个快照文件", "snapshot FILE"]), output: options["-o"], locale }, out, err);
      case "schema": {
        const kind = one(["种格式", "format"]);
        if (!["snapshot", "listing", "report"].includes(kind)) {
          throw new Usage(`${kind}: 可选 / possible values: snapshot, listing, report`);
        }
        return schema(join(DIST, "schema"), { kind }, out);
      }
      case "help":
      case "--help":
      case "-h":
        out(USAGE);
        return 0;
      default:
        throw new Usage(`未知命令 / unknown command: ${[command, sub].filter(Boolean).join(" ") || "(none)"}`);
    }
  } catch (e) {
    if (!(e instanceof Usage)) throw e;
    err(`错误 / error: ${e.message}\n${USAGE}`);
    return 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await import("node:fs")).realpathSync(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
