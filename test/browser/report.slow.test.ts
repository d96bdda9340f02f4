import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli } from "../helpers/cli.js";
import { scratchFolder } from "../helpers/scratch.js";

/**
 * The HTML report in a real browser: Debian's Chromium, driven by playwright-core, opening the
 * generated file from disk with the network features switched off. The screenshot is kept in
 * test-artifacts/ (not committed) for a person to look at.
 */
const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts");
const REPORT = join(ARTIFACTS, "report-seed.html");
const SCREENSHOT = join(ARTIFACTS, "report-seed.png");
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const missing = !existsSync(CHROMIUM);
const title = missing
  ? `the HTML report in Chromium: SKIPPED, ${CHROMIUM} is missing (apt-get install -y chromium)`
  : "the HTML report in Chromium";

describe.skipIf(missing)(title, () => {
  // Removed after the context is closed: hooks after the tests run in reverse order.
  const profile = scratchFolder("chromium");
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const run = runCli(["report", "fixtures/seed/seed-9502.pcap", "-o", REPORT]);
    expect(run.status, run.stderr).toBe(0);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 900 },
    });
    page = await context.newPage();
    page.on("request", (request) => requests.push(request.url()));
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(pathToFileURL(REPORT).href);
  });

  afterAll(async () => {
    await context?.close();
  });

  it("loads nothing but the file itself, without errors", () => {
    expect(requests).toEqual([pathToFileURL(REPORT).href]);
    expect(errors).toEqual([]);
  });

  it("draws one arrow per segment and the summary row", async () => {
    expect(await page.locator("svg.ladder .seg").count()).toBe(11);
    expect(await page.locator("table.summary tbody tr").count()).toBe(1);
    expect(await page.locator("table.summary .verdict").innerText()).toBe("closed");
  });

  it("writes the states on both lifelines", async () => {
    const states = (role: string) => page.locator(`svg.ladder .state.${role}`).allTextContents();
    expect(await states("client")).toEqual([
      "CLOSED",
      "SYN_SENT",
      "ESTABLISHED",
      "FIN_WAIT_1",
      "FIN_WAIT_2",
      "TIME_WAIT",
    ]);
    expect(await states("server")).toEqual(["LISTEN", "SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED?"]);
  });

  it("shows a segment's explanation on hover (its title) and in the panel when clicked", async () => {
    const synAck = page.locator('.seg[data-detail="s0-f2"]');
    expect(await synAck.locator("title").textContent()).toContain("The server accepts (passive open): SYN+ACK");
    expect(await page.locator("#s0-f2").isVisible()).toBe(false);
    await synAck.click();
    expect(await page.locator("#s0-f2").isVisible()).toBe(true);
    expect(await page.locator("#s0-f2").innerText()).toContain("The server accepts (passive open): SYN+ACK");
    expect(await page.locator(".details .hint").isVisible()).toBe(false);
    expect(await synAck.getAttribute("class")).toMatch(/\bselected\b/);

    await page.locator('.seg[data-detail="s0-f8"]').click();
    expect(await page.locator("#s0-f2").isVisible()).toBe(false);
    expect(await page.locator("#s0-f8").innerText()).toContain("FIN_WAIT_1");
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  });
});

describe.skipIf(missing)(missing ? title : "the HTML report's summary table in a narrow window", () => {
  const REPORT_WIDE = join(ARTIFACTS, "report-wide-table.html");
  // Removed after the context is closed: hooks after the tests run in reverse order.
  const profile = scratchFolder("chromium");
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // IPv6 addresses, Chinese words, many connections: the widest table the fixtures give.
    const run = runCli([
      "report",
      "fixtures/shared/http_ip4and6.pcapng",
      "fixtures/loopback/many-connections.pcap",
      "--lang",
      "zh",
      "-o",
      REPORT_WIDE,
    ]);
    expect(run.status, run.stderr).toBe(0);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 700, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  it("scrolls inside its frame instead of widening the page, and its last column can be scrolled to", async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(REPORT_WIDE).href);
    const frame = page.locator(".table-frame");
    const [pageWidth, windowWidth] = (await page.evaluate(
      "[document.documentElement.scrollWidth, window.innerWidth]",
    )) as [number, number];
    const widths = {
      ...(await frame.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }))),
      page: pageWidth,
      window: windowWidth,
    };
    expect(widths.page).toBeLessThanOrEqual(widths.window);
    expect(widths.scroll).toBeGreaterThan(widths.client);
    await frame.evaluate((element) => (element.scrollLeft = element.scrollWidth));
    const verdict = await page.locator("table.summary tbody tr").first().locator(".verdict").boundingBox();
    expect(verdict).not.toBeNull();
    expect(verdict!.x + verdict!.width).toBeLessThanOrEqual(widths.window);
    expect(verdict!.x).toBeGreaterThanOrEqual(0);
  });
});
