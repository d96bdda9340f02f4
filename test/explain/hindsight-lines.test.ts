import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.js";
import { formatMessage } from "../../src/explain/format.js";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";
import { CLIENT_ISN, Conversation, SERVER_ISN, established } from "../track/conversation.js";

/**
 * Explanations follow the evidence: each segment is explained once what comes after it settled
 * it, as the annotator does, so its words never assert what a later segment contradicts.
 */
function explained(c: Conversation, rows: readonly TrackedSegment[]): { keys: string[]; text: string; step: string }[] {
  c.tracker.settle(c.connection);
  const explainer = new Explainer({ timeWaitSeconds: 60 });
  const explanations = rows.map((row) => explainer.explain(row));
  explainer.settle(c.connection);
  return explanations.map(({ step, messages }) => ({
    keys: messages.map((m) => m.key),
    text: messages.map((m) => formatMessage(m, "en")).join(" "),
    step: step === null ? "-" : `${step.phase} ${step.n}/${step.of}`,
  }));
}

describe("data on a SYN", () => {
  it("without a Fast Open cookie: says the SYN carries data, and the SYN+ACK's j+1 shows it was not taken", () => {
    const c = new Conversation();
    const rows = [
      c.send("client", "S", { len: 11 }),
      c.send("server", "SA", { ack: CLIENT_ISN + 1 }),
      c.send("client", "PA", { len: 11, seq: CLIENT_ISN + 1 }),
    ];
    const [syn, synAck] = explained(c, rows);
    expect(syn!.keys[0]).toBe("step.syn-with-data");
    expect(syn!.text).not.toContain("carries no data");
    expect(syn!.keys).toContain("note.syn-with-data");
    expect(syn!.text).toContain("no Fast Open cookie");
    expect(synAck!.keys).toContain("note.syn-data-not-accepted");
  });

  it("with a cookie, and the SYN+ACK acknowledging the data: says both", () => {
    const c = new Conversation();
    const rows = [
      c.send("client", "S", { len: 11, options: { fastOpenCookie: new Uint8Array(8) } }),
      c.send("server", "SA", { ack: CLIENT_ISN + 12 }),
    ];
    const [syn, synAck] = explained(c, rows);
    expect(syn!.keys).toContain("note.syn-with-data-cookie");
    expect(synAck!.keys[0]).toBe("step.syn-ack-with-data");
    expect(synAck!.keys).not.toContain("note.syn-data-not-accepted");
  });
});

describe("data on the third segment", () => {
  it("is not called a pure ACK, and quotes its own seq", () => {
    const c = new Conversation();
    const rows = [c.send("client", "S"), c.send("server", "SA"), c.send("client", "PA", { len: 18 })];
    const third = explained(c, rows)[2]!;
    expect(third.keys[0]).toBe("step.handshake-ack-with-data");
    expect(third.text).not.toContain("pure ACK consumes");
    expect(third.text).toContain(`18 bytes of data from seq ${CLIENT_ISN + 1}`);
    expect(third.step).toBe("handshake 3/3");
  });

  it("a pure third segment says why three segments and not two: old duplicate SYNs as well", () => {
    const c = new Conversation();
    const rows = [c.send("client", "S"), c.send("server", "SA"), c.send("client", "A")];
    expect(explained(c, rows)[2]!.text).toContain("old duplicate SYN");
  });
});

describe("a refused SYN", () => {
  it("says nothing listened, on the SYN itself, and never that the server was in SYN_RCVD", () => {
    const c = new Conversation();
    const rows = [c.send("client", "S"), c.send("server", "RA", { seq: 0 })];
    const [syn, reset] = explained(c, rows);
    expect(syn!.keys).toContain("note.nothing-listens");
    expect(syn!.text).not.toContain("server LISTEN → SYN_RCVD");
    expect(reset!.keys[0]).toBe("segment.refused");
    expect(reset!.text).not.toContain("SYN_RCVD");
  });
});

describe("a bare RST answering data", () => {
  it("says the peer no longer has the connection (rebooted or crashed), not a plain abort", () => {
    const c = established();
    c.send("server", "PA", { len: 10 });
    c.send("client", "A");
    const data = c.send("client", "PA", { len: 20, after: 120 });
    const reset = c.send("server", "R", { seq: data.segment.ack });
    const [dataLines, resetLines] = explained(c, [data, reset]);
    expect(resetLines!.keys[0]).toBe("segment.reset-no-connection");
    expect(dataLines!.text).toContain("server ESTABLISHED → CLOSED");
  });
});

describe("simultaneous open", () => {
  it("hedges the SYN+ACKs Wireshark flags as retransmissions, and says connect() returns on both sides", () => {
    const c = new Conversation();
    const rows = [
      c.send("client", "S"),
      c.send("server", "S"),
      c.send("client", "SA", { seq: CLIENT_ISN }),
      c.send("server", "SA", { seq: SERVER_ISN }),
    ];
    const lines = explained(c, rows);
    expect(lines.map((line) => line.step)).toEqual([
      "handshake 1/4",
      "handshake 2/4",
      "handshake 3/4",
      "handshake 4/4",
    ]);
    for (const synAck of lines.slice(2)) {
      expect(synAck.keys).toContain("note.syn-ack-after-crossing");
      expect(synAck.keys).not.toContain("note.syn-retransmitted");
      expect(synAck.text).not.toContain("accept()");
    }
  });
});

describe("a lost last ACK", () => {
  it("repeats steps 3 and 4 instead of counting past the teardown's four", () => {
    const c = established();
    const rows = [c.send("client", "FA"), c.send("server", "A")];
    const finSeq = c.next.server;
    rows.push(
      c.send("server", "FA"),
      c.send("client", "A"),
      c.send("server", "FA", { seq: finSeq, after: 0.2 }),
      c.send("client", "A"),
    );
    const lines = explained(c, rows);
    expect(lines.map((line) => line.step)).toEqual([
      "teardown 1/4",
      "teardown 2/4",
      "teardown 3/4",
      "teardown 4/4",
      "teardown 3/4",
      "teardown 4/4",
    ]);
    expect(lines[3]!.keys).toContain("note.ack-lost");
  });
});

describe("a FIN copy sent again that the peer's later segment still does not acknowledge", () => {
  it("says the copy most likely never arrived, naming that segment", () => {
    const c = established();
    const finSeq = c.next.client;
    const rows = [
      c.send("client", "FA"),
      c.send("server", "PA", { len: 10, ack: finSeq }),
      c.send("client", "FA", { seq: finSeq, after: 0.2 }),
      c.send("server", "PA", { len: 10, ack: finSeq }),
      c.send("server", "A"),
    ];
    const [first] = explained(c, rows);
    expect(first!.keys).toContain("note.copy-unacknowledged");
    expect(first!.text).toContain(
      `the client sent it again, and the server's segment of frame ${rows[3]!.segment.frame}, sent after that, still does not acknowledge it`,
    );
  });
});
