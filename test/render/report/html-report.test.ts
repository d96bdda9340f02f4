import { describe, expect, it } from "vitest";
import type { Language } from "../../../src/explain/catalog/index.js";
import { renderHtmlReport } from "../../../src/render/report/html-report.js";
import { summarize } from "../../../src/track/summary.js";
import { picturesOf, type LadderRequest } from "../../helpers/ladders.js";

async function reportOf(request: LadderRequest, file = request.capture, language: Language = "en"): Promise<string> {
  const { info, totals, connections } = await picturesOf(request);
  const model = {
    captures: [{ file, info }],
    totals,
    connections: connections.map(({ connection, ladder }) => ({ ladder, summary: summarize(connection) })),
  };
  return renderHtmlReport(model, language);
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe("the HTML report of the seed session", async () => {
  const page = await reportOf({ capture: "seed/seed-9502.pcap" });

  it("is one page that loads nothing: no URL but the SVG namespace, and a policy that forbids loading", () => {
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page.replaceAll('xmlns="http://www.w3.org/2000/svg"', "")).not.toMatch(/https?:|\/\/|\bsrc=|@import|url\(/);
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
  });

  it("has the summary table row and the ladder: an arrow and a details block per segment", () => {
    expect(count(page, /<tr><td><a href="#stream-0">0<\/a>/g)).toBe(1);
    expect(page).toContain('<td class="words verdict verdict-closed">closed</td>');
    expect(count(page, /<g class="seg /g)).toBe(11);
    const targets = [...page.matchAll(/data-detail="([^"]+)"/g)].map((match) => match[1]);
    const details = [...page.matchAll(/<div class="detail" id="([^"]+)" hidden>/g)].map((match) => match[1]);
    expect(details).toEqual(targets);
  });

  it("writes both lifelines' states, from CLOSED and LISTEN to TIME_WAIT and CLOSED", () => {
    const states = (role: string) =>
      [...page.matchAll(new RegExp(`class="state ${role}"[^>]*>([A-Z_0-9]+\\??)<`, "g"))].map((match) => match[1]);
    expect(states("client")).toEqual(["CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"]);
    // Nothing the server sends after the last ACK confirms it took it in: CLOSED is inferred.
    expect(states("server")).toEqual(["LISTEN", "SYN_RCVD", "ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSED?"]);
  });

  it("says what the ? after a state means", () => {
    expect(page).toContain("STATE? : not confirmed by that endpoint&#39;s own segments");
  });

  it("puts each segment's explanation in its SVG title", () => {
    expect(page).toMatch(/<title>#1 client→server handshake 1\/3 \[S\] seq 0 len 0\nThe client opens the connection/);
  });
});

describe("strings from outside", () => {
  it("are escaped: a hostile file name stays text", async () => {
    const file = `<img src=x onerror="alert(1)">'.pcap`;
    const page = await reportOf({ capture: "loopback/refused.pcap" }, file);
    expect(page).not.toContain("<img");
    expect(page).toContain("<code>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;.pcap</code>");
    expect(page).toContain("<title>tcp-annotate: &lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;.pcap</title>");
  });
});

describe("findings and folds", () => {
  it("highlight the arrow of a segment with an analysis finding", async () => {
    const page = await reportOf({ capture: "loopback/port-reuse.pcap", streams: [1] });
    expect(count(page, /<g class="seg syn has-finding"[^>]*>/g)).toBe(1);
    expect(page).toMatch(/<text class="finding"[^>]*>! reused_ports<\/text>/);
  });

  it("draw folded segments as a band across the lifelines", async () => {
    const page = await reportOf({ capture: "shared/tcp_ports.pcapng", streams: [2] });
    expect(
      count(page, /<g class="fold"><rect [^>]+\/><text [^>]+>\.\.\. \d+ segments \(frames \d+-\d+\):/g),
    ).toBeGreaterThan(0);
  });
});

describe("a TIME_WAIT that runs out", () => {
  it("shows as CLOSED beside its lifeline, with the time since the previous row on the same line", async () => {
    const page = await reportOf({ capture: "loopback/port-reuse.pcap", mslSeconds: 0.5, streams: [0] });
    const timer =
      /<text class="timer-label" x="[\d.]+" y="([\d.]+)" text-anchor="start">2MSL over<\/text><\/g>\n<text class="gap" x="4" y="([\d.]+)">\+1\.0s<\/text><text class="state client" x="[\d.]+" y="([\d.]+)"[^>]*>CLOSED</.exec(
        page,
      );
    expect(timer).not.toBeNull();
    expect(new Set(timer!.slice(1))).toHaveProperty("size", 1);
  });
});

describe("--lang zh", () => {
  it("labels the report and explains the segments in Chinese", async () => {
    const page = await reportOf({ capture: "seed/seed-9502.pcap" }, "seed.pcap", "zh");
    expect(page).toContain('<html lang="zh">');
    expect(page).toContain("<h1>TCP 连接</h1>");
    expect(page).toContain("握手 1/3 [S] seq 0 len 0");
    expect(page).toContain("发起连接");
  });
});
