// End-to-end test of the example seller form in headless Chromium (Debian's `chromium`,
// driven by the npm package playwright-core): pick a category, see the required-field issues,
// fill the fields and see them clear, pick two colours and two sizes, see four SKU rows, enter
// a bad price and see SKU_PRICE_INVALID next to that row, in both locales. Screenshots go to
// target/test-output/web-form/.
//
// Needs pkg/dist (scripts/build-pkg.sh) and a Chromium ($CHROMIUM, else /usr/bin/chromium).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { start } from "./server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const OUT = process.env.SHELFCHECK_TEST_OUTPUT ?? join(ROOT, "target", "test-output", "web-form");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// playwright-core is a development dependency of the package in pkg/.
const { chromium } = createRequire(join(ROOT, "pkg", "package.json"))("playwright-core");

const skip = !existsSync(CHROMIUM) ? `no Chromium at ${CHROMIUM} (scripts/setup-wasm.sh installs it)` : false;

test("a seller fills the T-shirt form and builds its SKU table", { skip, timeout: 120_000 }, async () => {
  mkdirSync(OUT, { recursive: true });
  const server = await start();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");

    const field = (pid) => page.locator(`#listing .field[data-pid="${pid}"]`);
    const issues = (loc, code) => loc.locator(`.issue[data-code="${code}"]`);
    const title = page.locator('#listing [data-path="/title"]');

    // Choose a category: the required-field issues appear next to their fields.
    await page.selectOption("#category", "50010850");
    await page.waitForSelector("#listing .field");
    for (const pid of [20000, 13021751, 20021, 1627207, 20509]) {
      assert.equal(await issues(field(pid), "PROP_REQUIRED").count(), 1, `PROP_REQUIRED next to ${pid}`);
    }
    assert.equal(await issues(title, "TITLE_MISSING").count(), 1);
    assert.equal(await page.locator("#completeness-text").textContent(), "必填项已完成 0/7 (0%)");
    // The province field depends on origin = 中国大陆 and is hidden until then.
    assert.equal(await field(122216608).isVisible(), false);
    await field(21299).locator("select").selectOption("27013");
    assert.equal(await field(122216608).isVisible(), true);

    // Fill the fields: their issues clear.
    await title.locator("input").fill("纯棉短袖T恤 男款 夏季");
    await field(20000).locator("select").selectOption("3233");
    await field(13021751).locator("input[type=text]").fill("A-1024");
    await field(20021).locator('input[value="105255"]').check();
    for (const pid of [20000, 13021751, 20021]) {
      assert.equal(await issues(field(pid), "PROP_REQUIRED").count(), 0, `PROP_REQUIRED cleared for ${pid}`);
    }
    assert.equal(await issues(title, "TITLE_MISSING").count(), 0);

    // Two colours and two sizes: four SKU rows.
    await field(1627207).locator('input[value="28320"]').check();
    await field(1627207).locator('input[value="28341"]').check();
    await field(20509).locator('input[value="28383"]').check();
    await field(20509).locator('input[value="28384"]').check();
    const rows = page.locator("#skus tbody tr.sku");
    assert.equal(await rows.count(), 4);
    for (let i = 0; i < 4; i++) {
      await rows.nth(i).locator('input[name="price"]').fill("59.00");
      await rows.nth(i).locator('input[name="quantity"]').fill("10");
    }
    assert.equal(await page.locator("body").getAttribute("data-valid"), "true");
    assert.equal(await page.locator("#completeness-text").textContent(), "必填项已完成 7/7 (100%)");

    // A bad price: SKU_PRICE_INVALID next to that row only.
    await rows.nth(1).locator('input[name="price"]').fill("59.999");
    assert.equal(await issues(rows.nth(1), "SKU_PRICE_INVALID").count(), 1);
    for (const i of [0, 2, 3]) assert.equal(await issues(rows.nth(i), "SKU_PRICE_INVALID").count(), 0);
    assert.equal(await page.locator("body").getAttribute("data-valid"), "false");
    assert.match(await issues(rows.nth(1), "SKU_PRICE_INVALID").textContent(), /[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(OUT, "web-form-zh-CN.png"), fullPage: true });

    // The other locale: labels and messages in English, the input kept.
    await page.selectOption("#locale", "en");
    assert.equal(await field(20000).locator(".label").textContent(), "Brand");
    assert.equal(await page.locator("h1").textContent(), "Listing form");
    const en = await issues(page.locator("#skus tbody tr.sku").nth(1), "SKU_PRICE_INVALID").textContent();
    assert.doesNotMatch(en, /[\u4e00-\u9fff]/);
    assert.equal(await page.locator("#skus tbody tr.sku").count(), 4);
    await page.screenshot({ path: join(OUT, "web-form-en.png"), fullPage: true });

    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
