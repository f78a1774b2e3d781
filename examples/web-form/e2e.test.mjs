// End-to-end test of the example seller form in headless Chromium (Debian's `chromium`,
// driven by the npm package playwright-core): pick a category, see the required-field issues,
// fill the fields and see them clear, pick two colours and two sizes, see four SKU rows, enter
// a bad price and see SKU_PRICE_INVALID next to that row, in both locales. Screenshots go to
// target/test-output/web-form/.
//
// The metadata comes as per-category shards: the demo snapshot is cut with
// `$SHELFCHECK_BIN snapshot shard` (else `cargo run -q -p shelfcheck --`) into
// target/test-output/web-form/shards/, and the test checks that the page loads the index and
// then only the shards of the categories picked, never the whole snapshot; it also sees the
// loading state of a slow shard and the failed state of a shard the server cannot give.
//
// Needs pkg/dist (scripts/build-pkg.sh) and a Chromium ($CHROMIUM, else /usr/bin/chromium).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { start, cutShards, DEMO_SNAPSHOT } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const OUT = process.env.SHELFCHECK_TEST_OUTPUT ?? join(ROOT, "target", "test-output", "web-form");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// playwright-core is a development dependency of the package in pkg/.
const { chromium } = createRequire(join(ROOT, "pkg", "package.json"))("playwright-core");

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (scripts/setup-wasm.sh installs it)` : false;

const launch = () => chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});

/** Collects the paths of every request for metadata (index, shards, whole snapshot), in order. */
function metadataRequests(page) {
  const paths = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path === "/snapshot.json" || path.startsWith("/shards/")) paths.push(path);
  });
  return paths;
}

// Generous: without $SHELFCHECK_BIN the shards are cut through `cargo run`, which may build.
test("a seller fills the T-shirt form and builds its SKU table", { skip, timeout: 900_000 }, async () => {
  mkdirSync(OUT, { recursive: true });
  const shards = join(OUT, "shards");
  rmSync(shards, { recursive: true, force: true });
  await cutShards({ snapshot: DEMO_SNAPSHOT, out: shards });
  const server = await start({ shards });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const metadata = metadataRequests(page);
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.locator("body").getAttribute("data-mode"), "shards");
    assert.deepEqual(metadata, ["/shards/index.json"], "the picker comes from the index alone");
    // The picker: every leaf but the deleted one (唐装), named by its path.
    const options = await page.locator("#category option").evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(options, [
      ["", "请选择类目"], ["50010850", "男装 › T恤"], ["50011111", "男装 › 马甲"], ["50023000", "生活服务 › 法律咨询"],
    ]);

    const field = (pid) => page.locator(`#listing .field[data-pid="${pid}"]`);
    const issues = (loc, code) => loc.locator(`.issue[data-code="${code}"]`);
    const title = page.locator('#listing [data-path="/title"]');

    // Choose a category: while its shard is on the way the page says so, then the
    // required-field issues appear next to their fields.
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route("**/shards/50010850.json", async (route) => {
      await held;
      await route.continue();
    });
    await page.selectOption("#category", "50010850");
    await page.waitForSelector('#status[data-state="loadingCategory"]');
    assert.equal(await page.locator("#status").textContent(), "正在加载类目…");
    assert.equal(await page.locator("#listing").isVisible(), false);
    release();
    await page.waitForSelector("#listing .field");
    await page.unroute("**/shards/50010850.json");
    assert.equal(await page.locator("#status").textContent(), "就绪");
    assert.match(await page.locator("#hash").textContent(), /^分片 sha256:/);
    assert.equal(await page.locator("#hash").isVisible(), false, "hashes are for developers");
    // Nothing touched yet: no issue next to any field, but the page says it cannot be published.
    assert.equal(await page.locator("#listing .issue").count(), 0);
    assert.ok(Number(await page.locator("body").getAttribute("data-hidden-issues")) >= 6);
    assert.equal(await page.locator("#completeness-text").textContent(), "必填项已完成 0/7 (0%)");
    assert.match(await page.locator("#publishable").textContent(), /^还有 \d+ 个错误需要修改, 暂不能发布$/);
    // A field the seller touched and left empty shows its issue.
    await title.locator("input").fill("x");
    await title.locator("input").fill("");
    assert.equal(await issues(title, "TITLE_MISSING").count(), 1);
    // The province field depends on origin = 中国大陆 and is hidden until then.
    assert.equal(await field(122216608).isVisible(), false);
    await field(21299).locator("select").selectOption("27013");
    assert.equal(await field(122216608).isVisible(), true);

    // Fill the fields: their issues clear; the title counter counts platform bytes.
    await title.locator("input").fill("纯棉短袖T恤 男款 夏季");
    assert.equal(await page.locator("#title-count").textContent(), "21/60 字节");
    await field(20000).locator("select").selectOption("3233");
    // A listed brand and a typed one exclude each other.
    await field(20000).locator("input[type=text]").fill("自有品牌");
    assert.equal(await field(20000).locator("select").inputValue(), "");
    await field(20000).locator("select").selectOption("3233");
    assert.equal(await field(20000).locator("input[type=text]").inputValue(), "");
    await field(13021751).locator("input[type=text]").fill("A-1024");
    await field(20021).locator('input[value="105255"]').check();
    for (const pid of [20000, 13021751, 20021]) {
      assert.equal(await issues(field(pid), "PROP_REQUIRED").count(), 0, `PROP_REQUIRED cleared for ${pid}`);
    }
    assert.equal(await issues(title, "TITLE_MISSING").count(), 0);

    // Two colours and two sizes: four SKU rows, none flagged before the seller types in it.
    await field(1627207).locator('input[value="28320"]').check();
    await field(1627207).locator('input[value="28341"]').check();
    await field(20509).locator('input[value="28383"]').check();
    await field(20509).locator('input[value="28384"]').check();
    const rows = page.locator("#skus tbody tr.sku");
    assert.equal(await rows.count(), 4);
    assert.equal(await page.locator("#skus tbody .issue").count(), 0);
    const widths = await page.locator("#skus col").evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().width));
    // Bulk fill: one price and one stock for every row.
    await page.fill("#bulk-price", "59.00");
    await page.fill("#bulk-quantity", "10");
    await page.click("#bulk-apply");
    for (let i = 0; i < 4; i++) assert.equal(await rows.nth(i).locator('input[name="price"]').inputValue(), "59.00");
    await rows.nth(0).locator('input[name="outer_id"]').fill("TS-W-M");
    assert.equal(await page.locator("body").getAttribute("data-valid"), "true");
    assert.equal(await page.locator("#completeness-text").textContent(), "必填项已完成 7/7 (100%)");
    assert.equal(await page.locator("#publishable").textContent(), "可以发布");

    // A bad price: SKU_PRICE_INVALID next to that row only, in words, without the code.
    await rows.nth(1).locator('input[name="price"]').fill("59.999");
    assert.equal(await issues(rows.nth(1), "SKU_PRICE_INVALID").count(), 1);
    for (const i of [0, 2, 3]) assert.equal(await issues(rows.nth(i), "SKU_PRICE_INVALID").count(), 0);
    assert.equal(await page.locator("body").getAttribute("data-valid"), "false");
    const seen = await issues(rows.nth(1), "SKU_PRICE_INVALID").innerText();
    assert.match(seen, /[\u4e00-\u9fff]/);
    assert.doesNotMatch(seen, /SKU_PRICE_INVALID|\/skus/);
    assert.deepEqual(await page.locator("#skus col").evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().width)), widths,
      "an issue in a row does not change the column widths");
    // Developer details show the codes and the hash.
    await page.check("#dev");
    assert.match(await issues(rows.nth(1), "SKU_PRICE_INVALID").innerText(), /SKU_PRICE_INVALID \/skus\/1/);
    assert.equal(await page.locator("#hash").isVisible(), true);
    await page.uncheck("#dev");

    // Labels and descriptions: every input has a label, and its issues are linked to it.
    const unlabelled = await page.locator("#listing input, #listing select, #skus input").evaluateAll((es) =>
      es.filter((e) => !(e.labels?.length || e.getAttribute("aria-label") || e.closest("[aria-labelledby]"))).map((e) => e.outerHTML));
    assert.deepEqual(unlabelled, []);
    const described = await page.locator("#listing [aria-describedby], #skus [aria-describedby]").evaluateAll((es) =>
      es.every((e) => e.getAttribute("aria-describedby").split(" ").every((id) => document.getElementById(id))));
    assert.equal(described, true);
    assert.equal(await page.locator('label[for="f-title"]').count(), 1);

    // Publish: every issue and the listing JSON as it would be sent.
    await page.click("#publish");
    assert.match(await page.locator("#publish-result .summary").textContent(), /^有 1 个错误, 不能发布/);
    const sent = JSON.parse(await page.locator("#listing-json").textContent());
    assert.equal(sent.title, "纯棉短袖T恤 男款 夏季");
    assert.equal(sent.skus[0].outer_id, "TS-W-M");
    assert.equal(sent.skus.length, 4);
    await rows.nth(1).locator('input[name="price"]').fill("59.00");
    await page.click("#publish");
    assert.match(await page.locator("#publish-result .summary").textContent(), /^校验通过, 可以提交到平台/);
    await page.screenshot({ path: join(OUT, "web-form-zh-CN.png"), fullPage: true });
    await rows.nth(1).locator('input[name="price"]').fill("59.999");

    // The other locale: labels and messages in English, the input kept.
    await page.selectOption("#locale", "en");
    assert.equal(await field(20000).locator(".label").textContent(), "Brand");
    assert.equal(await page.locator("h1").textContent(), "Listing form");
    const en = await issues(page.locator("#skus tbody tr.sku").nth(1), "SKU_PRICE_INVALID").textContent();
    assert.doesNotMatch(en, /[\u4e00-\u9fff]/);
    assert.equal(await page.locator("#skus tbody tr.sku").count(), 4);
    await page.screenshot({ path: join(OUT, "web-form-en.png"), fullPage: true });

    // Switching the category asks first: cancelled, the form and its input stay.
    let asked = 0;
    page.once("dialog", (d) => { asked++; d.dismiss(); });
    await page.selectOption("#category", "50011111");
    assert.equal(asked, 1);
    assert.equal(await page.locator("#category").inputValue(), "50010850");
    assert.equal(await title.locator("input").inputValue(), "纯棉短袖T恤 男款 夏季");
    page.once("dialog", (d) => { asked++; d.accept(); });

    // A shard the server cannot give: the failed state, in English, and no form.
    await page.route("**/shards/50011111.json", (route) => route.fulfill({ status: 503, body: "unavailable" }));
    await page.selectOption("#category", "50011111");
    await page.waitForSelector('#status[data-state="failedCategory"]');
    assert.equal(asked, 2);
    // The seller reads the category's name and what to do; the URL and id are for developers.
    assert.equal(await page.locator("#status").innerText(), "Could not load the category: Men's clothing › Waistcoats. Please try again later or choose another category.");
    assert.equal(await page.locator("#listing").isVisible(), false);
    await page.selectOption("#locale", "zh-CN");
    assert.equal(await page.locator("#status").innerText(), "类目加载失败: 男装 › 马甲. 请稍后重试或选择其他类目。");
    await page.check("#dev");
    assert.match(await page.locator("#status").innerText(), /无法获取类目 50011111 的分片 .*: HTTP 503$/);
    await page.uncheck("#dev");
    await page.selectOption("#locale", "en");

    // Another category: its own shard, its own form (a qualification to prove).
    await page.selectOption("#category", "50023000");
    await page.waitForSelector('body[data-category="50023000"]');
    assert.equal(await page.locator("#status").textContent(), "Ready");
    assert.equal(await page.locator("#listing .qualification").count(), 2);
    assert.equal(await page.locator("#listing p.muted").textContent(), "Local services › Legal advice");

    // The index, then exactly the shards of the categories picked; never the whole snapshot.
    assert.deepEqual(metadata, [
      "/shards/index.json", "/shards/50010850.json", "/shards/50011111.json", "/shards/50023000.json",
    ]);
    assert.deepEqual(errors, []);

    // At a phone's width: nothing wider than the screen but the SKU table's own scroller.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(server.url);
    await phone.waitForSelector("body[data-ready=true]");
    await phone.selectOption("#category", "50010850");
    await phone.waitForSelector('body[data-category="50010850"]');
    await phone.locator('#listing .field[data-pid="1627207"] input[value="28320"]').check();
    await phone.locator('#listing .field[data-pid="20509"] input[value="28383"]').check();
    assert.ok(await phone.evaluate(() => document.documentElement.scrollWidth <= 390), "no horizontal scrolling at 390 px");
    const box = await phone.locator("#f-title").boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
    await phone.screenshot({ path: join(OUT, "web-form-390px.png"), fullPage: true });
  } finally {
    await browser.close();
    await server.close();
  }
});

test("a colour and a size the seller types become SKU rows, and the listing validates", { skip, timeout: 300_000 }, async () => {
  mkdirSync(OUT, { recursive: true });
  const server = await start({ shards: join(ROOT, "pkg", "dist", "demo", "shards") });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
    await page.selectOption("#category", "50010850");
    await page.waitForSelector('body[data-category="50010850"]');
    const field = (pid) => page.locator(`#listing .field[data-pid="${pid}"]`);
    await page.locator("#f-title").fill("纯棉短袖T恤 男款 夏季");
    await field(20000).locator("select").selectOption("3233");
    await field(13021751).locator("input[type=text]").fill("A-1024");
    await field(20021).locator('input[value="105255"]').check();

    // A listed colour and one typed (Enter), a listed size and one typed (the button).
    await field(1627207).locator('input[value="28320"]').check();
    await page.locator("#f-1627207-own").fill("雾霾蓝");
    await page.locator("#f-1627207-own").press("Enter");
    await field(20509).locator('input[value="28383"]').check();
    await page.locator("#f-20509-own").fill(" 加大码 ");
    await page.click("#f-20509-add");
    const rows = page.locator("#skus tbody tr.sku");
    const names = () => rows.evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 2).map((c) => c.textContent).join(" / ")));
    assert.deepEqual(await names(), ["白色 / M", "白色 / 加大码", "雾霾蓝 / M", "雾霾蓝 / 加大码"]);
    // The typed colour is a choice like the listed ones, ready for the next one.
    assert.equal(await field(1627207).locator("label.own").textContent(), " 雾霾蓝");
    assert.equal(await page.locator("#f-1627207-own").inputValue(), "");
    // The same text again is the same value; a listed name chooses the listed value.
    await page.locator("#f-1627207-own").fill("雾霾蓝");
    await page.locator("#f-1627207-own").press("Enter");
    await page.locator("#f-1627207-own").fill("黑色");
    await page.locator("#f-1627207-own").press("Enter");
    assert.equal(await field(1627207).locator("label.own").count(), 1);
    assert.equal(await field(1627207).locator('input[value="28341"]').isChecked(), true);
    assert.equal(await rows.count(), 6);
    await field(1627207).locator('input[value="28341"]').uncheck();
    assert.equal(await rows.count(), 4);

    await page.fill("#bulk-price", "59.00");
    await page.fill("#bulk-quantity", "10");
    await page.click("#bulk-apply");
    await page.click("#publish");
    assert.match(await page.locator("#publish-result .summary").textContent(), /^校验通过, 可以提交到平台/);
    assert.equal(await page.locator("#publish-result .final-issues li").count(), 0);
    const sent = JSON.parse(await page.locator("#listing-json").textContent());
    const colour = sent.props.find((p) => p.pid === 1627207);
    assert.deepEqual(colour, { pid: 1627207, vids: [28320, -1], aliases: { "-1": "雾霾蓝" } });
    assert.deepEqual(sent.props.find((p) => p.pid === 20509), { pid: 20509, vids: [28383, -1], aliases: { "-1": "加大码" } });
    assert.deepEqual(sent.skus.map((s) => s.props.map((p) => p.vid)), [[28320, 28383], [28320, -1], [-1, 28383], [-1, -1]]);
    // The package in Node agrees, with every missing combination an error.
    const { Catalog } = await import(join(ROOT, "pkg", "dist", "node", "shelfcheck.mjs"));
    const catalog = new Catalog(readFileSync(DEMO_SNAPSHOT, "utf8"));
    const report = catalog.validate(sent, { missing_combinations: "error" });
    catalog.free();
    assert.deepEqual(report.issues.map((i) => i.code), []);

    // In English the rows keep the names the seller typed.
    await page.selectOption("#locale", "en");
    assert.deepEqual(await names(), ["白色 / M", "白色 / 加大码", "雾霾蓝 / M", "雾霾蓝 / 加大码"]);
    await page.screenshot({ path: join(OUT, "web-form-custom-values.png"), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test("without shards the page loads one whole snapshot", { skip, timeout: 120_000 }, async () => {
  const server = await start({ snapshot: DEMO_SNAPSHOT });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const metadata = metadataRequests(page);
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
    assert.equal(await page.locator("body").getAttribute("data-mode"), "snapshot");
    assert.equal(await page.locator("#category option").count(), 4);
    await page.selectOption("#category", "50010850");
    await page.waitForSelector('body[data-category="50010850"]');
    await page.click("#publish");
    assert.equal(await page.locator('#listing .field[data-pid="20000"] .issue[data-code="PROP_REQUIRED"]').count(), 1);
    assert.match(await page.locator("#hash").textContent(), /^快照 sha256:/);
    assert.deepEqual(metadata, ["/shards/index.json", "/snapshot.json"]);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

// The figures quoted in README.md: time from navigation to the first validation when the
// category is picked as soon as the picker is ready, bytes downloaded (compressed, as served),
// and the time of one validation while typing. Written to figures.json beside the screenshots.
test("figures: first validation, bytes downloaded, validate latency", { skip, timeout: 300_000 }, async (t) => {
  mkdirSync(OUT, { recursive: true });
  const server = await start({ shards: join(ROOT, "pkg", "dist", "demo", "shards") });
  const browser = await launch();
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  try {
    const loads = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForSelector("body[data-ready=true]");
      await page.selectOption("#category", "50010850");
      await page.waitForSelector('body[data-category="50010850"]');
      loads.push(await page.evaluate(() => {
        const m = window.shelfcheckMetrics;
        const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
        return {
          ready: m.ready,
          first: m.firstValidation,
          encoded: entries.reduce((n, e) => n + e.encodedBodySize, 0),
          decoded: entries.reduce((n, e) => n + e.decodedBodySize, 0),
        };
      }));
      if (i < 4) await page.close();
      else {
        // Typing a title, one validation per keystroke.
        await page.evaluate(() => { window.shelfcheckMetrics.validate.length = 0; });
        await page.locator("#f-title").pressSequentially("纯棉短袖T恤 男款 夏季 新款 宽松 圆领", { delay: 0 });
        const v = await page.evaluate(() => window.shelfcheckMetrics.validate);
        assert.ok(v.length >= 20, `${v.length} validations`);
        loads.at(-1).validate = { count: v.length, median: median(v), max: Math.max(...v) };
      }
    }
    const figures = {
      readyMs: Math.round(median(loads.map((l) => l.ready))),
      firstValidationMs: Math.round(median(loads.map((l) => l.first))),
      bytesCompressed: loads[0].encoded,
      bytesDecoded: loads[0].decoded,
      validateMs: loads.at(-1).validate,
    };
    assert.ok(figures.bytesCompressed < figures.bytesDecoded, "the server compresses");
    writeFileSync(join(OUT, "figures.json"), JSON.stringify(figures, null, 2) + "\n");
    t.diagnostic(JSON.stringify(figures));
  } finally {
    await browser.close();
    await server.close();
  }
});
