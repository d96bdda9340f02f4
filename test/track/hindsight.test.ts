import { describe, expect, it } from "vitest";
import { causeOfCode, madeByServer } from "../../src/track/observer/change-code.js";
import { historyLimit } from "../../src/track/observer/hindsight.js";
import type { TcpState } from "../../src/track/states.js";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";
import type { StateChange } from "../../src/track/transition.js";
import { CLIENT_ISN, Conversation, SERVER_ISN, established } from "./conversation.js";

/**
 * The observer with hindsight (docs/tracking-model.md): each case is a capture's segments, and the
 * states every row shows once the segments after it are known, as RFC 9293 reads them.
 */

/** RFC 9293 figure 5's edges, plus RST to CLOSED and the 2*MSL timer (docs/tracking-model.md, Legal changes). */
const FIGURE_5 = new Set([
  "CLOSED>SYN_SENT",
  "CLOSED>LISTEN",
  "LISTEN>SYN_RCVD",
  "LISTEN>SYN_SENT",
  "LISTEN>CLOSED",
  "SYN_SENT>SYN_RCVD",
  "SYN_SENT>ESTABLISHED",
  "SYN_SENT>CLOSED",
  "SYN_RCVD>ESTABLISHED",
  "SYN_RCVD>FIN_WAIT_1",
  "SYN_RCVD>LISTEN",
  "ESTABLISHED>FIN_WAIT_1",
  "ESTABLISHED>CLOSE_WAIT",
  "FIN_WAIT_1>FIN_WAIT_2",
  "FIN_WAIT_1>CLOSING",
  "FIN_WAIT_2>TIME_WAIT",
  "CLOSING>TIME_WAIT",
  "CLOSE_WAIT>LAST_ACK",
  "LAST_ACK>CLOSED",
  "TIME_WAIT>CLOSED",
]);
const RESETS = new Set(["sent-rst", "received-rst", "received-refusal", "lost-connection"]);

function isLegal(change: StateChange): boolean {
  return FIGURE_5.has(`${change.from}>${change.to}`) || (change.to === "CLOSED" && RESETS.has(change.cause));
}

/** Every row's states, in order, as "client/server". */
function statesOf(rows: readonly TrackedSegment[]): string[] {
  return rows.map((row) => `${row.states.client}/${row.states.server}`);
}

function expectLegal(c: Conversation): void {
  const changes = c.connection.stateChanges;
  expect(changes.filter((change) => !isLegal(change))).toEqual([]);
  // Each change starts where the endpoint's previous one ended.
  for (const role of ["client", "server"] as const) {
    const own = changes.filter((change) => change.endpoint === role);
    for (let i = 1; i < own.length; i++) expect(own[i]!.from).toBe(own[i - 1]!.to);
  }
}

/**
 * The server's 3 bytes lost after the capture point, its FIN 200 ms later not: the FIN reaches
 * the client out of order (a SACK block would cover it), and the client repeats its ACK.
 */
function finBehindLostData() {
  const c = established();
  const dataStart = c.next.server;
  const lost = c.send("server", "PA", { len: 3 });
  const fin = c.send("server", "FA", { after: 0.2 });
  const duplicate = c.send("client", "A", { ack: dataStart, after: 0.00002 });
  return { c, dataStart, lost, fin, duplicate };
}

function noteIds(row: TrackedSegment): string[] {
  return row.notes.map((note) => note.id);
}

describe("a SYN nobody answers", () => {
  it("leaves the server's state unknown: it stays as it started, LISTEN, never SYN_RCVD", () => {
    const c = new Conversation();
    const rows = [
      c.send("client", "S"),
      ...[1, 3, 7, 15].map((after) => c.send("client", "S", { seq: CLIENT_ISN, after })),
    ];
    expect(statesOf(rows)).toEqual(Array(5).fill("SYN_SENT/LISTEN"));
    expect(c.connection.states).toEqual({ client: "SYN_SENT", server: "LISTEN" });
    expect(c.connection.hindsight.confidenceNow.server).toBe("unknown");
    expect(rows.every((row) => noteIds(row).includes("no-answer"))).toBe(true);
    expectLegal(c);
  });
});

describe("a refused connection (SYN answered by RST)", () => {
  it("shows the server CLOSED from the first row: nothing listened", () => {
    const c = new Conversation();
    const rows = [c.send("client", "S"), c.send("server", "RA", { seq: 0 })];
    expect(statesOf(rows)).toEqual(["SYN_SENT/CLOSED", "CLOSED/CLOSED"]);
    expect(c.connection.stateChanges.map((change) => `${change.endpoint}:${change.from}>${change.to}`)).toEqual([
      "client:CLOSED>SYN_SENT",
      "client:SYN_SENT>CLOSED",
    ]);
    expectLegal(c);
  });
});

describe("a lost last ACK (the FIN comes again after the ACK)", () => {
  it("leaves the server in LAST_ACK on that row; the repeated FIN and ACK repeat their steps' effects", () => {
    const c = established();
    c.send("client", "FA");
    c.send("server", "A");
    const finSeq = c.next.server;
    const fin = c.send("server", "FA");
    const lostAck = c.send("client", "A");
    expect(lostAck.states).toEqual({ client: "TIME_WAIT", server: "CLOSED" });
    const again = c.send("server", "FA", { seq: finSeq, after: 0.2 });
    const lastAck = c.send("client", "A");
    expect(statesOf([fin, lostAck, again, lastAck])).toEqual([
      "TIME_WAIT/LAST_ACK",
      "TIME_WAIT/LAST_ACK",
      "TIME_WAIT/LAST_ACK",
      "TIME_WAIT/CLOSED",
    ]);
    expect(lostAck.changes).toEqual([]);
    expect(lostAck.receipt).toBe("received-last-ack");
    expect(again.changes).toEqual([]);
    expect(lastAck.changes.map((change) => change.cause)).toEqual(["received-last-ack"]);
    expectLegal(c);
  });
});

describe("crossed FINs (simultaneous close)", () => {
  it("never shows CLOSE_WAIT or LAST_ACK: both go through CLOSING to TIME_WAIT", () => {
    const c = established();
    const clientFin = c.send("client", "FA");
    const serverFin = c.send("server", "FA", { ack: c.next.client - 1 });
    const rows = [clientFin, serverFin, c.send("client", "A"), c.send("server", "A")];
    expect(statesOf(rows)).toEqual([
      "FIN_WAIT_1/ESTABLISHED",
      "CLOSING/CLOSING",
      "CLOSING/TIME_WAIT",
      "TIME_WAIT/TIME_WAIT",
    ]);
    expect(noteIds(clientFin)).toEqual(["crossed"]);
    expect(clientFin.notes[0]!.frame).toBe(serverFin.segment.frame);
    expectLegal(c);
  });
});

describe("a FIN sent again while the peer keeps sending, acknowledging no copy", () => {
  it("takes in only the latest copy after the peer's segment: an earlier one still unacknowledged after the repeat never arrived", () => {
    const c = established();
    const finSeq = c.next.client;
    // The server's data acknowledges everything up to the FIN, not the FIN.
    const first = c.send("client", "FA");
    const data1 = c.send("server", "PA", { len: 10, ack: finSeq });
    const again = c.send("client", "FA", { seq: finSeq, after: 0.2 });
    const data2 = c.send("server", "PA", { len: 10, ack: finSeq });
    const third = c.send("client", "FA", { seq: finSeq, after: 0.4 });
    const data3 = c.send("server", "PA", { len: 10, ack: finSeq });
    const answer = c.send("server", "A");
    expect(noteIds(first)).toEqual(["copy-unacknowledged"]);
    expect(first.notes[0]!.frame).toBe(data2.segment.frame);
    expect(noteIds(again)).toContain("copy-unacknowledged");
    expect(again.notes.find((note) => note.id === "copy-unacknowledged")!.frame).toBe(data3.segment.frame);
    // The latest copy crossed the server's last data: the server took it in right after sending that.
    expect(noteIds(third)).toContain("crossed");
    expect(third.notes.find((note) => note.id === "crossed")!.frame).toBe(data3.segment.frame);
    expect(statesOf([first, data1, again, data2, third, data3, answer])).toEqual([
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/CLOSE_WAIT",
      "FIN_WAIT_2/CLOSE_WAIT",
    ]);
    expectLegal(c);
  });
});

describe("a FIN the peer's segment does not acknowledge, round trips after it", () => {
  it("reads it as never arrived, not as crossing: the server stays ESTABLISHED until the repeat reaches it", () => {
    const c = established();
    const finSeq = c.next.client;
    const fin = c.send("client", "FA");
    // 200 ms later, where the handshake took 1 ms each way: the server's data, not acknowledging the FIN.
    const data = c.send("server", "PA", { len: 10, ack: finSeq, after: 0.2 });
    const again = c.send("client", "FA", { seq: finSeq, after: 0.005 });
    const answer = c.send("server", "A");
    expect(noteIds(fin)).toEqual(["not-arrived"]);
    expect(fin.notes[0]!.frame).toBe(data.segment.frame);
    expect(statesOf([fin, data, again, answer])).toEqual([
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/CLOSE_WAIT",
      "FIN_WAIT_2/CLOSE_WAIT",
    ]);
    expectLegal(c);
  });

  it("still reads a segment within the bound as crossing the FIN", () => {
    const c = established();
    const finSeq = c.next.client;
    const fin = c.send("client", "FA");
    const data = c.send("server", "PA", { len: 10, ack: finSeq, after: 0.003 });
    c.send("client", "A");
    expect(noteIds(fin)).toEqual(["crossed"]);
    expect(statesOf([fin, data])).toEqual(["FIN_WAIT_1/ESTABLISHED", "FIN_WAIT_1/CLOSE_WAIT"]);
  });

  it("takes a FIN read as never arrived in after the server's last segment when the server then acknowledges it with no repeat between", () => {
    const c = established();
    const finSeq = c.next.client;
    const fin = c.send("client", "FA");
    const data = c.send("server", "PA", { len: 10, ack: finSeq, after: 0.2 });
    const answer = c.send("server", "A");
    expect(noteIds(fin)).toEqual(["crossed"]);
    expect(fin.notes[0]!.frame).toBe(data.segment.frame);
    expect(statesOf([fin, data, answer])).toEqual([
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/CLOSE_WAIT",
      "FIN_WAIT_2/CLOSE_WAIT",
    ]);
    expectLegal(c);
  });

  it("reads each copy of a FIN sent again and again as never arrived, keeping only the latest waiting for an ACK", () => {
    const c = established();
    const finSeq = c.next.client;
    const copies: TrackedSegment[] = [];
    const data: TrackedSegment[] = [];
    for (let i = 0; i < 200; i++) {
      copies.push(c.send("client", "FA", { seq: finSeq, after: 0.3 }));
      data.push(c.send("server", "PA", { len: 10, ack: finSeq, after: 0.3 }));
      // Only the latest copy may still turn out late rather than lost: the list stays short.
      expect(c.connection.hindsight.uncoveredClient!.length).toBeLessThanOrEqual(2);
    }
    const answer = c.send("server", "A");
    expect(
      copies
        .slice(0, -1)
        .every((copy, i) =>
          copy.notes.some((note) => note.id === "not-arrived" && note.frame === data[i]!.segment.frame),
        ),
    ).toBe(true);
    // The last copy was acknowledged with no copy after it: it arrived late, after the server's data.
    expect(copies.at(-1)!.notes.find((note) => note.id === "crossed")!.frame).toBe(data.at(-1)!.segment.frame);
    expect(statesOf([data.at(-2)!, data.at(-1)!, answer])).toEqual([
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/CLOSE_WAIT",
      "FIN_WAIT_2/CLOSE_WAIT",
    ]);
    expectLegal(c);
  });

  it("reads a FIN queued behind its sender's own data as crossing, however late: the peer has not had that data either", () => {
    const c = established();
    const dataStart = c.next.client;
    const sent = [0, 1, 2].map(() => c.send("client", "PA", { len: 1000, after: 0.0001 }));
    const fin = c.send("client", "FA", { after: 0.0001 });
    // A queue after the capture point: 200 ms later the server has had the first 1000 bytes alone.
    const partial = c.send("server", "A", { ack: dataStart + 1000, after: 0.2 });
    // Read so at once, not first as never arrived: a live capture may tell the rows before the rest comes.
    expect(noteIds(fin)).toEqual(["crossed"]);
    const rest = c.send("server", "A", { after: 0.01 });
    expect(sent.every((row) => row.notes.length === 0)).toBe(true);
    expect(noteIds(fin)).toEqual(["crossed"]);
    expect(fin.notes[0]!.frame).toBe(partial.segment.frame);
    expect(statesOf([fin, partial, rest])).toEqual([
      "FIN_WAIT_1/ESTABLISHED",
      "FIN_WAIT_1/CLOSE_WAIT",
      "FIN_WAIT_2/CLOSE_WAIT",
    ]);
    expectLegal(c);
  });

  it("takes a FIN in with the data before it when that data was lost and sent again, not after the peer's duplicate ACK", () => {
    const { c, dataStart, lost, fin, duplicate } = finBehindLostData();
    const again = c.send("server", "PA", { len: 3, seq: dataStart, after: 0.00001 });
    const covering = c.send("client", "A", { after: 0.00001 });
    expect(noteIds(lost)).toEqual([]);
    expect(noteIds(fin)).toEqual(["behind-gap"]);
    expect(fin.notes[0]!.frame).toBe(again.segment.frame);
    expect(noteIds(again)).toEqual(["gap-filled"]);
    expect(again.notes[0]!.frame).toBe(fin.segment.frame);
    expect(statesOf([fin, duplicate, again, covering])).toEqual([
      "ESTABLISHED/FIN_WAIT_1",
      "ESTABLISHED/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_2",
    ]);
    expect(again.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["client:received-fin"]);
    expectLegal(c);
  });

  it("takes the FIN in with the copy of the missing data the peer answers, when an earlier copy got no answer", () => {
    const { c, dataStart, fin, duplicate } = finBehindLostData();
    // Sent again at the retransmission timer twice: the client answers only the second copy.
    const first = c.send("server", "PA", { len: 3, seq: dataStart, after: 0.2 });
    const second = c.send("server", "PA", { len: 3, seq: dataStart, after: 0.4 });
    const covering = c.send("client", "A", { after: 0.00001 });
    expect(fin.notes.map((note) => `${note.id}@${note.frame}`)).toEqual([`behind-gap@${second.segment.frame}`]);
    expect(noteIds(first)).toEqual([]);
    expect(noteIds(second)).toEqual(["gap-filled"]);
    expect(statesOf([duplicate, first, second, covering])).toEqual([
      "ESTABLISHED/FIN_WAIT_1",
      "ESTABLISHED/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_2",
    ]);
    expectLegal(c);
  });

  it("leaves a FIN where it was taken in once the peer acknowledged it, whatever is sent again after", () => {
    const { c, dataStart, fin, duplicate } = finBehindLostData();
    const again = c.send("server", "PA", { len: 3, seq: dataStart, after: 0.00001 });
    const covering = c.send("client", "A", { after: 0.00001 });
    // A spurious copy after the ACK of the FIN: nothing moves.
    const late = c.send("server", "PA", { len: 3, seq: dataStart, after: 0.2 });
    expect(fin.notes.map((note) => `${note.id}@${note.frame}`)).toEqual([`behind-gap@${again.segment.frame}`]);
    expect(noteIds(late)).toEqual([]);
    expect(statesOf([duplicate, again, covering, late])).toEqual([
      "ESTABLISHED/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_2",
      "CLOSE_WAIT/FIN_WAIT_2",
    ]);
  });

  it("keeps a FIN crossing when what is sent again is not the byte the peer was missing", () => {
    const c = established();
    const dataStart = c.next.server;
    c.send("server", "PA", { len: 3 });
    c.send("server", "PA", { len: 3 });
    const fin = c.send("server", "FA", { after: 0.2 });
    const duplicate = c.send("client", "A", { ack: dataStart, after: 0.00002 });
    // The second segment again, not the first: the gap before the FIN is not filled by it.
    const other = c.send("server", "PA", { len: 3, seq: (dataStart + 3) >>> 0, after: 0.00001 });
    expect(noteIds(fin)).toEqual(["crossed"]);
    expect(fin.notes[0]!.frame).toBe(duplicate.segment.frame);
    expect(noteIds(other)).toEqual([]);
    expect(statesOf([fin, duplicate, other])).toEqual([
      "ESTABLISHED/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_1",
      "CLOSE_WAIT/FIN_WAIT_1",
    ]);
  });

  it("sets no bound while no round trip is known (a connection picked up at its FIN)", () => {
    const c = new Conversation();
    const finSeq = c.next.client;
    const fin = c.send("client", "FA");
    const data = c.send("server", "PA", { len: 10, ack: finSeq, after: 1 });
    expect(noteIds(fin)).toEqual(["crossed"]);
    expect(statesOf([fin, data])).toEqual(["FIN_WAIT_1/ESTABLISHED", "FIN_WAIT_1/CLOSE_WAIT"]);
  });
});

describe("crossed SYNs (simultaneous open)", () => {
  it("shows the second opener CLOSED, then SYN_SENT and SYN_RCVD: never SYN_RCVD -> SYN_SENT", () => {
    const c = new Conversation();
    const rows = [
      c.send("client", "S"),
      c.send("server", "S"),
      c.send("client", "SA", { seq: CLIENT_ISN }),
      c.send("server", "SA", { seq: SERVER_ISN }),
    ];
    expect(statesOf(rows)).toEqual([
      "SYN_SENT/CLOSED",
      "SYN_RCVD/SYN_RCVD",
      "SYN_RCVD/ESTABLISHED",
      "ESTABLISHED/ESTABLISHED",
    ]);
    expectLegal(c);
  });
});

describe("data answered by a bare RST (the peer rebooted)", () => {
  it("shows the server CLOSED when the data arrived: it no longer knew the connection (RFC 9293 §3.10.7.1)", () => {
    const c = established();
    c.send("server", "PA", { len: 10 });
    c.send("client", "A");
    const data = c.send("client", "PA", { len: 20, after: 300 });
    const reset = c.send("server", "R", { seq: data.segment.ack });
    expect(statesOf([data, reset])).toEqual(["ESTABLISHED/CLOSED", "CLOSED/CLOSED"]);
    expect(data.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["server:lost-connection"]);
    expect(reset.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["client:received-rst"]);
    expect(noteIds(reset)).toContain("rst-no-connection");
    expectLegal(c);
  });

  it("reads a FIN the bare RST answers as reaching a closed client, not as crossing the RST", () => {
    const c = established();
    const fin = c.send("server", "FA");
    const again = c.send("server", "FA", { seq: fin.segment.seq, after: 0.2 });
    const reset = c.send("client", "R", { seq: again.segment.ack });
    expect(statesOf([again, reset])).toEqual(["CLOSED/FIN_WAIT_1", "CLOSED/CLOSED"]);
    expect(noteIds(again)).toEqual(["segment-after-close", "fin-retransmitted"]);
    expect(again.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["client:lost-connection"]);
    expectLegal(c);
  });

  it("keeps the loss where the first bare RST showed it, however many RSTs the closed client sends after", () => {
    const c = established();
    const data = c.send("client", "PA", { len: 20 });
    const next = data.segment.seq + 20;
    const first = c.send("client", "R", { seq: next });
    const later = [1, 2, 3].map((step) => c.send("client", "R", { seq: next + 7 * step }));
    expect(statesOf([first, ...later])).toEqual(["CLOSED/CLOSED", "CLOSED/CLOSED", "CLOSED/CLOSED", "CLOSED/CLOSED"]);
    // As the latest reading has them, told or not: the later RSTs do not move the loss to themselves.
    const since = c.connection.stateChanges.filter((change) => change.frame >= data.segment.frame);
    expect(since.map((change) => `${change.frame}:${change.endpoint}:${change.cause}`)).toEqual([
      `${first.segment.frame}:client:lost-connection`,
      `${first.segment.frame}:server:received-rst`,
    ]);
    for (const reset of later) expect(noteIds(reset)).toContain("rst-no-connection");
    expectLegal(c);
  });

  it("does not read a RST outside the window so: it is ignored", () => {
    const c = established();
    const reset = c.send("server", "R", { seq: SERVER_ISN + 10_000_000 });
    expect(noteIds(reset)).toEqual(["rst-not-acceptable"]);
  });
});

describe("a copy read as lost that a later ACK shows taken in", () => {
  it("takes the FIN+ACK in after the repeat it crossed, when the repeater then acknowledges its FIN", () => {
    const c = established();
    c.send("client", "FA");
    const finAck = c.send("server", "FA", { ack: c.next.client });
    // The client repeats its FIN before the server's FIN+ACK reached it, then acknowledges that FIN.
    const repeat = c.send("client", "FA", { seq: c.next.client - 1, ack: c.next.server - 1, after: 0.2 });
    const ack = c.send("client", "A");
    expect(statesOf([finAck, repeat, ack])).toEqual(["FIN_WAIT_1/LAST_ACK", "TIME_WAIT/LAST_ACK", "TIME_WAIT/CLOSED"]);
    expect(finAck.notes).toEqual([{ id: "crossed", frame: repeat.segment.frame }]);
    expectLegal(c);
  });
});

describe("a last ACK that crossed the closing endpoint's own segment", () => {
  it("is taken in after that segment: a closed endpoint would send nothing but a RST", () => {
    const c = established();
    c.send("client", "FA");
    c.send("server", "A");
    c.send("server", "FA");
    const last = c.send("client", "A");
    const reAck = c.send("server", "A", { after: 0.00001 });
    expect(statesOf([last, reAck])).toEqual(["TIME_WAIT/LAST_ACK", "TIME_WAIT/CLOSED"]);
    expect(last.notes).toEqual([{ id: "crossed", frame: reAck.segment.frame }]);
    expect(reAck.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["server:received-last-ack"]);
    expectLegal(c);
  });
});

describe("a last ACK the closing endpoint's segment round trips later shows never arrived", () => {
  it("keeps the server in LAST_ACK when it sends data again 200 ms after the last ACK, until an ACK reaches it", () => {
    const c = established();
    const dataSeq = c.next.server;
    c.send("server", "PA", { len: 100 });
    c.send("client", "A");
    c.send("client", "FA");
    c.send("server", "FA");
    const last = c.send("client", "A");
    const again = c.send("server", "PA", { seq: dataSeq, len: 100, after: 0.2 });
    const ackAgain = c.send("client", "A");
    expect(noteIds(last)).toEqual(["not-arrived"]);
    expect(last.notes[0]!.frame).toBe(again.segment.frame);
    expect(statesOf([last, again, ackAgain])).toEqual(["TIME_WAIT/LAST_ACK", "TIME_WAIT/LAST_ACK", "TIME_WAIT/CLOSED"]);
    expectLegal(c);
  });
});

describe("a RST its receiver never took in", () => {
  it("keeps the receiver's connection when it speaks after the RST, which a closed endpoint answers with a RST", () => {
    const c = established();
    c.send("client", "PA", { len: 10 });
    c.send("server", "A");
    const reset = c.send("client", "RA");
    // Lost after the capture point: the server still has the connection, and closes it 25 s later.
    const fin = c.send("server", "FA", { after: 25 });
    const answer = c.send("client", "R", { seq: fin.segment.ack });
    expect(statesOf([reset, fin, answer])).toEqual(["CLOSED/ESTABLISHED", "CLOSED/FIN_WAIT_1", "CLOSED/CLOSED"]);
    expect(reset.notes).toEqual([{ id: "rst-lost", frame: fin.segment.frame }]);
    expect(reset.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["client:sent-rst"]);
    // The FIN reaches a closed client, whose bare RST answers it: no crossing.
    expect(noteIds(fin)).toEqual(["segment-after-close"]);
    expect(answer.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["server:received-rst"]);
    expectLegal(c);
  });

  it("reads a RST refused with a challenge ACK (RFC 9293 §3.10.7.4) so, and the exact RST after it as the one that closes", () => {
    const c = established();
    c.send("server", "PA", { len: 100 });
    c.send("client", "A");
    // In the server's window, 50 bytes past the next sequence number it expects.
    const guessed = c.send("client", "RA", { seq: c.next.client + 50 });
    const challenge = c.send("server", "A", { after: 0.0001 });
    const exact = c.send("client", "R", { seq: challenge.segment.ack });
    expect(statesOf([guessed, challenge, exact])).toEqual([
      "CLOSED/ESTABLISHED",
      "CLOSED/ESTABLISHED",
      "CLOSED/CLOSED",
    ]);
    expect(noteIds(guessed)).toEqual(["rst-lost"]);
    expect(exact.changes.map((change) => `${change.endpoint}:${change.cause}`)).toEqual(["server:received-rst"]);
    expectLegal(c);
  });

  it("revises the RST told before the receiver spoke, and holds it until then", () => {
    const c = established();
    const reset = c.send("client", "RA");
    c.tracker.settle(c.connection);
    expect(reset.states.server).toBe("CLOSED");
    const data = c.send("server", "PA", { len: 5, after: 0.2 });
    expect(c.tracker.takeRevisions()).toEqual([
      {
        frame: data.segment.frame,
        endpoint: "server",
        reason: "rst-lost",
        rows: [{ frame: reset.segment.frame, was: "CLOSED", now: "ESTABLISHED" }],
      },
    ]);
  });

  it("leaves a RST taken in when the receiver only answers with RSTs", () => {
    const c = established();
    const reset = c.send("client", "RA");
    const answer = c.send("server", "R", { seq: c.next.server });
    expect(statesOf([reset, answer])).toEqual(["CLOSED/CLOSED", "CLOSED/CLOSED"]);
    expect(noteIds(reset)).toEqual([]);
    expectLegal(c);
  });
});

describe("a SYN that an older connection on the same ports answers (a challenge ACK)", () => {
  it("reads the SYN as never reaching the listener, and the client's RST to that ACK as leaving it in SYN_SENT", () => {
    const c = new Conversation();
    const syn = c.send("client", "S");
    // The older connection's numbers: its next sequence number, and the client's next one in it, behind the new ISN.
    const oldNext = (CLIENT_ISN - 100_000) >>> 0;
    const challenge = c.send("server", "A", { seq: 7_000_000, ack: oldNext });
    const reset = c.send("client", "R", { seq: oldNext });
    const again = c.send("client", "S", { seq: CLIENT_ISN, after: 0.01 });
    const synAck = c.send("server", "SA");
    const ack = c.send("client", "A");
    expect(noteIds(syn)).toEqual(["old-connection"]);
    expect(syn.notes[0]!.frame).toBe(challenge.segment.frame);
    expect(noteIds(reset)).toEqual(["rst-answers-bad-ack"]);
    expect(statesOf([syn, challenge, reset, again, synAck, ack])).toEqual([
      "SYN_SENT/LISTEN",
      "SYN_SENT/LISTEN",
      "SYN_SENT/LISTEN",
      "SYN_SENT/SYN_RCVD",
      "ESTABLISHED/SYN_RCVD",
      "ESTABLISHED/ESTABLISHED",
    ]);
    expectLegal(c);
  });

  it("leaves a client in SYN_SENT when it answers a SYN+ACK that does not acknowledge its SYN with RST", () => {
    const c = new Conversation();
    c.send("client", "S");
    const badAck = (CLIENT_ISN + 5) >>> 0;
    const synAck = c.send("server", "SA", { ack: badAck });
    const reset = c.send("client", "R", { seq: badAck });
    expect(noteIds(synAck)).toContain("syn-ack-bad-ack");
    expect(noteIds(reset)).toEqual(["rst-answers-bad-ack"]);
    expect(reset.states.client).toBe("SYN_SENT");
    expectLegal(c);
  });
});

describe("a SYN+ACK answered by RST (a half-open scan)", () => {
  it("returns the server to LISTEN (RFC 9293 §3.10.7.4, figure 5 note 1)", () => {
    const c = new Conversation();
    const rows = [c.send("client", "S"), c.send("server", "SA"), c.send("client", "R", { seq: CLIENT_ISN + 1 })];
    expect(statesOf(rows)).toEqual(["SYN_SENT/SYN_RCVD", "SYN_SENT/SYN_RCVD", "CLOSED/LISTEN"]);
    expect(rows[2]!.changes.map((change) => change.cause)).toEqual(["sent-rst", "received-rst-back-to-listen"]);
    expectLegal(c);
  });
});

describe("a lost third segment (the SYN+ACK comes again)", () => {
  it("keeps the server in SYN_RCVD until data shows the client's ACK", () => {
    const c = new Conversation();
    c.send("client", "S");
    c.send("server", "SA");
    const ack = c.send("client", "A");
    const again = c.send("server", "SA", { seq: SERVER_ISN, after: 1 });
    const data = c.send("client", "PA", { len: 5 });
    expect(statesOf([ack, again, data])).toEqual([
      "ESTABLISHED/SYN_RCVD",
      "ESTABLISHED/SYN_RCVD",
      "ESTABLISHED/ESTABLISHED",
    ]);
    expect(noteIds(ack)).toEqual(["ack-lost"]);
    expectLegal(c);
  });
});

describe("confidence", () => {
  it("confirms a state by the endpoint's own later segment, and infers one nothing confirms yet", () => {
    const c = new Conversation();
    const syn = c.send("client", "S");
    const synAck = c.send("server", "SA");
    const ack = c.send("client", "A");
    c.send("server", "PA", { len: 3 });
    c.tracker.settle(c.connection);
    expect([syn, synAck, ack].map((row) => `${row.confidence.client}/${row.confidence.server}`)).toEqual([
      "confirmed/confirmed",
      "confirmed/confirmed",
      "confirmed/confirmed",
    ]);
    const last = c.send("server", "FA");
    c.tracker.settle(c.connection);
    expect(last.confidence).toEqual({ client: "inferred", server: "confirmed" });
  });
});

describe("revisions", () => {
  it("names the told rows later evidence changed, and never makes a change figure 5 lacks", () => {
    const c = established();
    c.send("client", "FA");
    c.send("server", "A");
    const finSeq = c.next.server;
    c.send("server", "FA");
    const lostAck = c.send("client", "A");
    // Output could not wait: the rows were told as they read then, the server CLOSED.
    c.tracker.settle(c.connection);
    expect(lostAck.states.server).toBe("CLOSED");
    expect(c.tracker.takeRevisions()).toEqual([]);
    const again = c.send("server", "FA", { seq: finSeq, after: 40 });
    expect(again.changes).toEqual([]);
    expect(again.states.server).toBe("LAST_ACK");
    expect(c.tracker.takeRevisions()).toEqual([
      {
        frame: again.segment.frame,
        endpoint: "server",
        reason: "ack-lost",
        rows: [{ frame: lostAck.segment.frame, was: "CLOSED", now: "LAST_ACK" }],
      },
    ]);
    expectLegal(c);
  });
});

describe("every state change is an edge of figure 5", () => {
  const states: TcpState[] = [];
  it("holds on a mixed conversation of resets, repeats and crossings", () => {
    const c = established();
    c.send("client", "PA", { len: 10 });
    c.send("server", "A");
    c.send("server", "FA", { ack: c.next.client - 5 });
    c.send("client", "FA");
    c.send("server", "A");
    c.send("client", "A");
    c.send("client", "R");
    expectLegal(c);
    states.push(...Object.values(c.connection.states));
    expect(states).toHaveLength(2);
  });
});

describe("reading the changes without making them", () => {
  it("visits each change's cause, endpoint and frame, by text or by code, in the order stateChanges lists them", () => {
    const c = established();
    c.send("client", "FA");
    c.send("server", "A");
    const finSeq = c.next.server;
    c.send("server", "FA");
    c.send("client", "A");
    c.send("server", "FA", { seq: finSeq, after: 0.2 });
    const hindsight = c.connection.hindsight;
    const listed = c.connection.stateChanges.map(({ cause, endpoint, frame }) => [cause, endpoint, frame]);
    expect(listed.length).toBeGreaterThan(6);
    const byText: unknown[] = [];
    hindsight.eachChange((cause, endpoint, frame) => byText.push([cause, endpoint, frame]));
    expect(byText).toEqual(listed);
    const byCode: unknown[] = [];
    hindsight.eachChangeCode({
      visit: (code, frame) => byCode.push([causeOfCode(code), madeByServer(code) ? "server" : "client", frame]),
    });
    expect(byCode).toEqual(listed);
  });
});

describe("how many rows each connection keeps for hindsight", () => {
  it("keeps up to 1024 rows each while up to 256 connections are open, then their share of 262,144, at least 32", () => {
    expect(historyLimit(1)).toBe(1024);
    expect(historyLimit(256)).toBe(1024);
    expect(historyLimit(512)).toBe(512);
    expect(historyLimit(2000)).toBe(131);
    expect(historyLimit(100_000)).toBe(32);
  });

  /** The client of stream 0 sends `count` segments the server never answers, with `others` other connections open beside it. */
  function toldAfterSilence(others: number, count: number): number {
    const c = new Conversation();
    for (let i = 1; i <= others; i++) c.send("client", "PA", { len: 1, clientPort: 40000 + i });
    let last: TrackedSegment | undefined;
    for (let i = 0; i < count; i++) last = c.send("client", "PA", { len: 1 });
    return last!.connection.hindsight.toldCount;
  }

  it("makes the oldest rows of a connection whose peer never speaks final sooner when many connections are open", () => {
    // Alone, a silent peer leaves all 1,000 rows kept: its first word could still revise them.
    expect(toldAfterSilence(0, 1000)).toBe(0);
    // Beside 600 others, each keeps at most 436 (262,144 / 601): the older rows are told, final.
    expect(toldAfterSilence(600, 1000)).toBe(1000 - 436);
  });
});
