import { describe, expect, it } from "vitest";
import { records, runCliAsync } from "../helpers/cli.js";

/** Captures where every rule below has offenders: refusals, resets, SYN floods, half-closes, mid-stream starts, retransmissions. */
const CAPTURES = [
  "fixtures/shared/synscan.pcapng",
  "fixtures/loopback/many-connections.pcap",
  "fixtures/loopback/rst-abort.pcap",
  "fixtures/shared/tcp_retransmissions.pcapng",
  "fixtures/shared/tcp_dupack.pcapng",
  "fixtures/crafted/zeek-S0.pcap",
  "fixtures/crafted/zeek-SH.pcap",
  "fixtures/crafted/zeek-OTH.pcap",
  "fixtures/crafted/zeek-RSTRH.pcap",
];
const RULES = [
  ["--expect", "handshake"],
  ["--expect", "graceful-close"],
  ["--forbid", "rst"],
  ["--forbid", "refused"],
  ["--forbid", "one-side-gone"],
  ["--max-retransmissions", "0"],
  ["--max-duplicate-acks", "0"],
  ["--final-state", "server=CLOSED"],
  ["--final-state", "client=TIME_WAIT"],
].flat();

interface Offender {
  stream: number;
  frames: number[];
  reason: string;
}

describe("check's offender lines", () => {
  it.each(CAPTURES)(
    "quote the segment of the first frame they list, in words: %s",
    async (capture) => {
      const [check, timeline] = await Promise.all([
        runCliAsync(["check", capture, "--format", "json", ...RULES]),
        runCliAsync([capture, "--format", "ndjson"]),
      ]);
      const texts = new Map(
        records(timeline.stdout)
          .filter((r) => r["type"] === "segment")
          .map((r) => [r["frame"] as number, r["text"] as string]),
      );
      const report = JSON.parse(check.stdout) as { rules: Array<{ offenders: Offender[] }> };
      const offenders = report.rules.flatMap((rule) => rule.offenders);
      expect(offenders.length).toBeGreaterThan(0);
      let quoted = 0;
      for (const offender of offenders) {
        // No raw identifier of the summary's vocabulary leaks into the prose.
        expect(offender.reason).not.toMatch(/\b(not-captured|half-closed|four-way|three-way|incomplete)\b/);
        const quote = /^[^:]*?: (.*)$/s.exec(offender.reason.replace(/^.*?; the last segment: /, "x: "))?.[1];
        if (quote === undefined || offender.reason.startsWith("iRTT")) continue;
        quoted++;
        expect(texts.get(offender.frames[0]!), `${capture} stream ${offender.stream}: ${offender.reason}`).toContain(
          quote,
        );
      }
      expect(quoted).toBeGreaterThan(0);
    },
    60_000,
  );

  it("name a refused connection's RST, not its SYN, and a flood's unanswered SYN, not a later segment", async () => {
    const refused = JSON.parse(
      (await runCliAsync(["check", "fixtures/loopback/refused.pcap", "--format", "json", "--expect", "handshake"]))
        .stdout,
    ) as { rules: Array<{ offenders: Offender[] }> };
    expect(refused.rules[0]!.offenders[0]).toMatchObject({
      frames: [2],
      reason: expect.stringMatching(/^the connection was refused: The server answers the SYN with RST/),
    });
    const flood = JSON.parse(
      (
        await runCliAsync([
          "check",
          "fixtures/crafted/zeek-S0.pcap",
          "--format",
          "json",
          "--expect",
          "handshake",
          "--final-state",
          "server=CLOSED",
        ])
      ).stdout,
    ) as {
      rules: Array<{ offenders: Offender[] }>;
    };
    expect(flood.rules[0]!.offenders[0]!.reason).toMatch(/^the handshake never completed: /);
    // Nothing ever answered: the server stayed as it began (LISTEN, unknown), so the first segment is quoted.
    expect(flood.rules[1]!.offenders[0]).toMatchObject({
      frames: [1],
      reason: expect.stringMatching(/^the server ends in LISTEN: The client opens the connection/),
    });
  });
});
