import { describe, expect, it } from "vitest";
import type { TcpState } from "../../src/track/states.js";
import type { TrackedSegment } from "../../src/track/tracked-segment.js";
import { CLIENT_ISN, Conversation, SERVER_ISN, clientFinWait1, closedByClient, established } from "./conversation.js";

function expectStates(tracked: TrackedSegment, client: TcpState, server: TcpState): void {
  expect(tracked.states).toEqual({ client, server });
}

function causes(tracked: TrackedSegment): string[] {
  return tracked.changes.map((change) => `${change.endpoint}:${change.from}->${change.to}:${change.cause}`);
}

describe("three-way handshake (RFC 9293 §3.5 figure 6)", () => {
  it("moves client CLOSED->SYN_SENT->ESTABLISHED and server LISTEN->SYN_RCVD->ESTABLISHED", () => {
    const c = new Conversation();
    const syn = c.send("client", "S");
    // Nothing has answered yet: the server's receipt of the SYN waits for the server's own word.
    expectStates(syn, "SYN_SENT", "LISTEN");
    expect(syn.connection.roleEvidence).toBe("syn");
    expect([syn.seq, syn.ack]).toEqual([0, null]);
    const synAck = c.send("server", "SA");
    expectStates(syn, "SYN_SENT", "SYN_RCVD");
    expectStates(synAck, "ESTABLISHED", "SYN_RCVD");
    expect(synAck.segment.ack).toBe(CLIENT_ISN + 1);
    expect([synAck.seq, synAck.ack]).toEqual([0, 1]);
    const ack = c.send("client", "A");
    expectStates(ack, "ESTABLISHED", "ESTABLISHED");
    expect(ack.segment.ack).toBe(SERVER_ISN + 1);
    expect([ack.seq, ack.ack]).toEqual([1, 1]);
    expect(causes(ack)).toEqual(["server:SYN_RCVD->ESTABLISHED:received-ack-of-syn"]);
  });

  it("takes data on the third segment as the ACK of the SYN", () => {
    const c = new Conversation();
    c.send("client", "S");
    c.send("server", "SA");
    const third = c.send("client", "PA", { len: 7 });
    expectStates(third, "ESTABLISHED", "ESTABLISHED");
    expect(third.receipt).toBe("received-ack-of-syn");
  });

  it("keeps states on a retransmitted SYN and says so", () => {
    const c = new Conversation();
    c.send("client", "S");
    const again = c.send("client", "S", { seq: CLIENT_ISN, after: 1 });
    expectStates(again, "SYN_SENT", "LISTEN");
    expect(again.changes).toEqual([]);
    expect(again.notes.map((note) => note.id)).toEqual(["syn-retransmitted", "no-answer"]);
    expect(again.connection.stream).toBe(0);
  });

  it("starts from the SYN-ACK when the SYN was not captured", () => {
    const c = new Conversation();
    const synAck = c.send("server", "SA", { ack: CLIENT_ISN + 1 });
    expect(synAck.connection.roleEvidence).toBe("syn-ack");
    expect(synAck.from).toBe("server");
    // The client's receipt waits for the client's own word: it had sent a SYN, but none was captured.
    expectStates(synAck, "SYN_SENT", "SYN_RCVD");
    expectStates(c.send("client", "A"), "ESTABLISHED", "ESTABLISHED");
    expectStates(synAck, "ESTABLISHED", "SYN_RCVD");
  });
});

describe("simultaneous open (RFC 9293 §3.5 figure 8)", () => {
  it("takes both through SYN_SENT and SYN_RCVD to ESTABLISHED", () => {
    const c = new Conversation();
    const first = c.send("client", "S");
    const crossing = c.send("server", "S");
    // Its own SYN shows the server was opening too: CLOSED, not listening, when the client's SYN was sent.
    expectStates(first, "SYN_SENT", "CLOSED");
    expectStates(crossing, "SYN_RCVD", "SYN_RCVD");
    expect(causes(crossing)).toEqual([
      "server:CLOSED->SYN_SENT:sent-syn-before-peer-syn",
      "server:SYN_SENT->SYN_RCVD:received-syn-while-opening",
      "client:SYN_SENT->SYN_RCVD:received-syn-while-opening",
    ]);
    expect(first.notes.map((note) => note.id)).toEqual(["crossed"]);
    const clientSynAck = c.send("client", "SA", { seq: CLIENT_ISN });
    expectStates(clientSynAck, "SYN_RCVD", "ESTABLISHED");
    const serverSynAck = c.send("server", "SA", { seq: SERVER_ISN });
    expectStates(serverSynAck, "ESTABLISHED", "ESTABLISHED");
    // Each SYN+ACK answers the other's SYN: not said to be a retransmission, and both connect()s return.
    for (const synAck of [clientSynAck, serverSynAck])
      expect(synAck.notes.map((note) => note.id)).toEqual(["syn-ack-after-crossing"]);
    expect(causes(serverSynAck)).toEqual(["client:SYN_RCVD->ESTABLISHED:received-syn-ack-while-opening"]);
  });
});

describe("connection refused", () => {
  it("closes both when the SYN is answered by RST-ACK", () => {
    const c = new Conversation();
    const syn = c.send("client", "S");
    const reset = c.send("server", "RA", { seq: 0 });
    // Nothing listened: the server was CLOSED from the first row, never in SYN_RCVD.
    expectStates(syn, "SYN_SENT", "CLOSED");
    expect(causes(syn)).toEqual(["client:CLOSED->SYN_SENT:sent-syn"]);
    expect(syn.notes.map((note) => note.id)).toEqual(["nothing-listens"]);
    expectStates(reset, "CLOSED", "CLOSED");
    expect(causes(reset)).toEqual(["client:SYN_SENT->CLOSED:received-refusal"]);
  });

  it("ignores a RST whose ACK does not acknowledge the SYN (§3.10.7.3)", () => {
    const c = new Conversation();
    c.send("client", "S");
    const reset = c.send("server", "RA", { seq: 0, ack: CLIENT_ISN + 5000 });
    expect(reset.states.client).toBe("SYN_SENT");
    expect(reset.notes.map((note) => note.id)).toEqual(["rst-not-acceptable"]);
  });
});

describe("four-way teardown (RFC 9293 §3.6 figure 12)", () => {
  it("client closes first: FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT; server CLOSE_WAIT, LAST_ACK, CLOSED", () => {
    const c = established();
    expectStates(c.send("client", "FA"), "FIN_WAIT_1", "CLOSE_WAIT");
    expectStates(c.send("server", "A"), "FIN_WAIT_2", "CLOSE_WAIT");
    expectStates(c.send("server", "FA"), "TIME_WAIT", "LAST_ACK");
    expectStates(c.send("client", "A"), "TIME_WAIT", "CLOSED");
  });

  it("server closes first just as well", () => {
    const c = established();
    expectStates(c.send("server", "FA"), "CLOSE_WAIT", "FIN_WAIT_1");
    expectStates(c.send("client", "A"), "CLOSE_WAIT", "FIN_WAIT_2");
    expectStates(c.send("client", "FA"), "LAST_ACK", "TIME_WAIT");
    expectStates(c.send("client", "A", { after: 0 }), "LAST_ACK", "TIME_WAIT");
    expectStates(c.send("server", "A"), "CLOSED", "TIME_WAIT");
  });
});

describe("three-way teardown", () => {
  it("a FIN that carries the ACK of the peer's FIN takes FIN_WAIT_1 straight to TIME_WAIT", () => {
    const c = clientFinWait1();
    const finAck = c.send("server", "FA");
    expectStates(finAck, "TIME_WAIT", "LAST_ACK");
    expect(causes(finAck)).toEqual([
      "server:CLOSE_WAIT->LAST_ACK:sent-fin-after-peer-fin",
      "client:FIN_WAIT_1->FIN_WAIT_2:received-ack-of-fin",
      "client:FIN_WAIT_2->TIME_WAIT:received-fin-with-ack",
    ]);
    expectStates(c.send("client", "A"), "TIME_WAIT", "CLOSED");
  });
});

describe("half-close", () => {
  it("lets the server keep sending in CLOSE_WAIT while the client waits in FIN_WAIT_2", () => {
    const c = clientFinWait1();
    expectStates(c.send("server", "A"), "FIN_WAIT_2", "CLOSE_WAIT");
    for (let i = 0; i < 3; i++) {
      expectStates(c.send("server", "PA", { len: 100 }), "FIN_WAIT_2", "CLOSE_WAIT");
      expectStates(c.send("client", "A"), "FIN_WAIT_2", "CLOSE_WAIT");
    }
    expectStates(c.send("server", "FA"), "TIME_WAIT", "LAST_ACK");
    expectStates(c.send("client", "A"), "TIME_WAIT", "CLOSED");
  });
});

describe("simultaneous close (RFC 9293 §3.6 figure 13)", () => {
  it("goes through CLOSING, never CLOSE_WAIT or LAST_ACK at the end", () => {
    const c = clientFinWait1();
    const clientFinRow = c.last!;
    const clientFin = c.next.client;
    // The server's FIN does not acknowledge the client's FIN: they crossed, so the server never was in CLOSE_WAIT.
    const serverFin = c.send("server", "FA", { ack: clientFin - 1 });
    expectStates(clientFinRow, "FIN_WAIT_1", "ESTABLISHED");
    expectStates(serverFin, "CLOSING", "CLOSING");
    expect(causes(serverFin)).toEqual([
      "server:ESTABLISHED->FIN_WAIT_1:sent-fin-before-peer-fin",
      "server:FIN_WAIT_1->CLOSING:received-fin-while-closing",
      "client:FIN_WAIT_1->CLOSING:received-fin-while-closing",
    ]);
    expectStates(c.send("client", "A"), "CLOSING", "TIME_WAIT");
    expectStates(c.send("server", "A"), "TIME_WAIT", "TIME_WAIT");
  });
});

describe("RST abort", () => {
  it("closes both endpoints on an acceptable RST", () => {
    const c = established();
    c.send("client", "PA", { len: 10 });
    const reset = c.send("server", "RA");
    expectStates(reset, "CLOSED", "CLOSED");
    expect(causes(reset)).toEqual(["server:ESTABLISHED->CLOSED:sent-rst", "client:ESTABLISHED->CLOSED:received-rst"]);
  });

  it("notes and ignores a RST outside the receiver's window", () => {
    const c = established();
    const reset = c.send("server", "R", { seq: SERVER_ISN + 10_000_000 });
    expect(reset.states.client).toBe("ESTABLISHED");
    expect(reset.notes.map((note) => note.id)).toEqual(["rst-not-acceptable"]);
  });
});

describe("midstream start", () => {
  it("assumes both ESTABLISHED and guesses roles from the ports", () => {
    const c = new Conversation();
    const first = c.send("server", "PA", { len: 50 });
    expectStates(first, "ESTABLISHED", "ESTABLISHED");
    expect(first.connection.assumedEstablished).toBe(true);
    expect(first.connection.roleEvidence).toBe("port");
    expect(first.from).toBe("server");
    expect([first.seq, first.ack]).toEqual([1, 1]);
    const fin = c.send("server", "FA");
    expectStates(fin, "ESTABLISHED", "FIN_WAIT_1");
    c.send("client", "A");
    expectStates(fin, "CLOSE_WAIT", "FIN_WAIT_1");
  });
});

describe("TIME_WAIT and 2*MSL", () => {
  it("closes the TIME_WAIT endpoint once the capture's clock passes 2*MSL", () => {
    const c = closedByClient(new Conversation(30));
    expect(c.connection.states).toEqual({ client: "TIME_WAIT", server: "CLOSED" });
    c.idle(59);
    expect(c.connection.client.state).toBe("TIME_WAIT");
    c.idle(2);
    expect(c.connection.client.state).toBe("CLOSED");
    expect(c.connection.stateChanges.at(-1)?.cause).toBe("time-wait-expired");
  });

  it("says a FIN retransmitted into TIME_WAIT is why TIME_WAIT exists, and restarts the timer", () => {
    const c = new Conversation(30);
    c.send("client", "S");
    c.send("server", "SA");
    c.send("client", "A");
    c.send("client", "FA");
    c.send("server", "A");
    const serverFinSeq = c.next.server;
    c.send("server", "FA");
    c.send("client", "A");
    c.idle(40);
    const lastAck = c.last!;
    const again = c.send("server", "FA", { seq: serverFinSeq });
    expect(again.notes.map((note) => note.id)).toEqual(["fin-retransmitted-in-time-wait"]);
    expectStates(again, "TIME_WAIT", "LAST_ACK");
    // The repeat proves the last ACK never arrived: the server stayed in LAST_ACK, no CLOSED -> LAST_ACK.
    expect(again.changes).toEqual([]);
    expectStates(lastAck, "TIME_WAIT", "LAST_ACK");
    expect(lastAck.notes).toEqual([{ id: "ack-lost", frame: again.segment.frame }]);
    c.idle(40);
    expect(c.connection.client.state).toBe("TIME_WAIT");
    c.idle(21);
    expect(c.connection.client.state).toBe("CLOSED");
  });
});

describe("streams (Wireshark tcp.stream)", () => {
  it("opens a new stream for a SYN with a new ISN on the same ports", () => {
    const c = established();
    c.send("client", "RA");
    const again = c.send("client", "S", { seq: 12345 });
    expect(again.connection.stream).toBe(1);
    expect(again.analysis).toEqual(["reused_ports"]);
    expectStates(again, "SYN_SENT", "LISTEN");
  });
});
