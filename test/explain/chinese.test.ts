import { describe, expect, it } from "vitest";
import { zh } from "../../src/explain/catalog/zh.js";
import { runCliAsync } from "../helpers/cli.js";

/** Captures whose explanations between them use most of the catalog: findings, simultaneous close, refusals, a mid-stream start. */
const CAPTURES = [
  "fixtures/seed/seed-9502.pcapng.gz",
  "fixtures/shared/tcp_dupack.pcapng",
  "fixtures/shared/tcp_retransmissions.pcapng",
  "fixtures/shared/tcp_zerowindowrecovery.pcapng",
  "fixtures/crafted/simultaneous-close.pcap",
  "fixtures/crafted/zeek-OTH.pcap",
  "fixtures/loopback/many-connections.pcap",
  "fixtures/loopback/keepalive.pcap",
];

describe("--lang zh", () => {
  it.each(CAPTURES)(
    "says everything in Chinese, the capture's description too, keeping English for protocol names only: %s",
    async (capture) => {
      const runs = await Promise.all(
        [[capture], ["summary", capture], ["diagram", capture]].map((args) => runCliAsync([...args, "--lang", "zh"])),
      );
      for (const run of runs) {
        expect(run.status).toBe(0);
        // Two English words in a row would be a sentence left untranslated ("microsecond timestamps", "still open");
        // the column heads seq and ack are TCP's own field names.
        expect(run.stdout.replace(/\bseq +ack\b/g, "")).not.toMatch(/\b[a-z]{2,}[ ,]+[a-z]{3,}\b/);
      }
      expect(runs[0]!.stdout.split("\n")[0]).toMatch(
        /: pcap(ng)?,(\d+ 个节,)?(微秒|纳秒)级时间戳,(小端|大端)字节序(,gzip 压缩)?; 链路类型 /,
      );
    },
  );

  it("reads as Chinese, not word for word: a duplicate ACK says which repeat of which frame, a retransmission when the data was first sent, a simultaneous close names itself once", () => {
    expect(zh.messages["analysis.duplicate-ack-again"]).toBe(
      "重复 ACK(Wireshark):第 {num} 次重复帧 {frame} 的 ACK,{who}仍在等待字节 {ack}。",
    );
    expect(zh.messages["analysis.first-sent"]).toBe("这些数据最早由帧 {frame} 在 {ago} 毫秒前发出,至今仍未得到确认。");
    for (const text of Object.values(zh.messages)) {
      expect(text).not.toMatch(/同时(关闭|打开)\(同时(关闭|打开)\)/);
      expect(text).not.toMatch(/#\{num\}/);
    }
  });
});
