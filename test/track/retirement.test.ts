import { describe, expect, it } from "vitest";
import type { Connection } from "../../src/track/connection.js";
import { RetiredStream } from "../../src/track/retired-stream.js";
import type { TrackerOptions } from "../../src/track/tracker.js";
import { CLIENT, Conversation, closedByClient } from "./conversation.js";

/** A tracker that lets connections go (summary's), with other `limits` if given: the retired ones, in the order told. */
function lettingGo(limits: Pick<TrackerOptions, "maxHalfOpen" | "maxOneSided"> = {}): {
  c: Conversation;
  retired: Connection[];
} {
  const retired: Connection[] = [];
  const c = new Conversation(30, {
    ...limits,
    keepConnections: false,
    onRetired: (connection) => retired.push(connection),
  });
  return { c, retired };
}

describe("letting finished connections go (keepConnections: false)", () => {
  it("holds a finished connection for the 5 s close delay, then hands it over once, as it ended", () => {
    const { c, retired } = lettingGo();
    closedByClient(c);
    c.idle(4.9);
    expect(retired).toHaveLength(0);
    c.idle(0.2);
    expect(retired.map((connection) => [connection.stream, connection.client.state, connection.server.state])).toEqual([
      [0, "TIME_WAIT", "CLOSED"],
    ]);
    expect(c.tracker.connections).toEqual([]);
    c.idle(100);
    c.tracker.finish();
    expect(retired).toHaveLength(1);
  });

  it("a segment within the close delay keeps the connection: the delay starts again from it", () => {
    const { c, retired } = lettingGo();
    closedByClient(c);
    c.idle(3);
    const fin = c.send("server", "FA", { seq: c.next.server - 1 });
    expect(fin.notes.map((note) => note.id)).toEqual(["fin-retransmitted-in-time-wait"]);
    c.send("client", "A");
    c.idle(3);
    expect(retired).toHaveLength(0);
    c.idle(2.1);
    expect(retired).toHaveLength(1);
    expect(retired[0]!.client.packets + retired[0]!.server.packets).toBe(9);
  });

  it("a late segment within 2*MSL after is known for the retired stream's and does not take a stream number", () => {
    const { c, retired } = lettingGo();
    closedByClient(c);
    // Let go of at the first clock tick past the close delay (here 10 s on); its ends are kept for 2*MSL after its last segment.
    c.idle(10);
    const late = c.deliver("server", "FA", { seq: c.next.server - 1 });
    expect(late).toBeInstanceOf(RetiredStream);
    expect(late).toMatchObject({ stream: 0, src: CLIENT.address, srcPort: CLIENT.port });
    const other = c.send("client", "S", { clientPort: CLIENT.port + 1, seq: 1 });
    expect(other.connection.stream).toBe(1);
    expect(retired).toHaveLength(1);
  });

  it("after 2*MSL the ends are forgotten: a segment on them starts a new stream", () => {
    const { c } = lettingGo();
    closedByClient(c);
    c.idle(5.1);
    c.idle(55);
    const again = c.send("client", "A");
    expect(again.connection.stream).toBe(1);
    expect(again.connection.assumedEstablished).toBe(true);
  });

  it("a SYN with a new ISN on a retired stream's ports opens a new stream with ports reused (Wireshark)", () => {
    const { c } = lettingGo();
    closedByClient(c);
    c.idle(6);
    const repeated = c.deliver("client", "S", { seq: c.next.client - 2 });
    expect(repeated).toBeInstanceOf(RetiredStream);
    const fresh = c.send("client", "S", { seq: 12345 });
    expect([fresh.connection.stream, fresh.connection.reusedPorts, fresh.analysis]).toEqual([
      1,
      true,
      ["reused_ports"],
    ]);
  });

  it("remembers at most maxRetired streams' ends: past it the oldest is forgotten early (Linux's tcp_max_tw_buckets)", () => {
    const c = new Conversation(30, { keepConnections: false, maxRetired: 1 });
    closedByClient(c);
    c.idle(6);
    const other = { clientPort: CLIENT.port + 1 };
    c.send("client", "S", { ...other, seq: 1 });
    c.send("server", "RA", { ...other, seq: 0, ack: 2 });
    c.idle(6);
    // Stream 1's ends are remembered now, stream 0's are not: its late ACK starts stream 2.
    expect(c.deliver("client", "A", other)).toMatchObject({ stream: 1 });
    expect(c.send("client", "A").connection.stream).toBe(2);
  });

  it("counts only SYNs still unanswered toward the 4,096 held: answered ones do not push an unanswered one out", () => {
    const { c, retired } = lettingGo();
    const isn = c.next.client;
    c.send("client", "S");
    // Busier than 4,096 handshakes within the SYN's retransmission time, each answered at once.
    for (let port = 40000; port < 44200; port++) {
      c.send("client", "S", { clientPort: port, after: 0.0001 });
      c.send("server", "SA", { clientPort: port, after: 0.0001 });
      c.send("client", "A", { clientPort: port, after: 0.0001 });
    }
    const repeat = c.send("client", "S", { seq: isn, after: 1 });
    expect(repeat.connection.stream).toBe(0);
    expect(repeat.notes.map((note) => note.id)).toContain("syn-retransmitted");
    expect(retired).toHaveLength(0);
  });

  it("holds at most maxHalfOpen handshakes whose SYN+ACK is unacknowledged: past it the one waiting longest goes, and its SYN+ACK sent again comes late", () => {
    const { c, retired } = lettingGo({ maxHalfOpen: 3 });
    // A completed handshake and a refused SYN never count among the half-open.
    for (const [port, flags] of [
      [41000, "A"],
      [41001, ""],
    ] as const) {
      c.send("client", "S", { clientPort: port });
      c.send("server", flags === "" ? "RA" : "SA", { clientPort: port });
      if (flags !== "") c.send("client", flags, { clientPort: port });
    }
    for (let port = 40000; port < 40003; port++) {
      c.send("client", "S", { clientPort: port });
      c.send("server", "SA", { clientPort: port });
    }
    c.idle(30);
    // The refused one alone went, after the close delay.
    expect(retired.map((connection) => connection.stream)).toEqual([1]);
    for (let port = 40003; port < 40005; port++) {
      c.send("client", "S", { clientPort: port });
      c.send("server", "SA", { clientPort: port });
    }
    c.idle(1);
    expect(retired.map((connection) => [connection.stream, connection.server.state])).toEqual([
      [1, "CLOSED"],
      [2, "SYN_RCVD"],
      [3, "SYN_RCVD"],
    ]);
    expect(c.deliver("server", "SA", { clientPort: 40000 })).toBeInstanceOf(RetiredStream);
    expect(c.send("client", "A", { clientPort: 40002 }).connection.stream).toBe(4);
  });

  it("holds at most maxOneSided connections picked up midstream whose other end never spoke: past it the one held longest goes", () => {
    const { c, retired } = lettingGo({ maxOneSided: 2 });
    // One whose server answers never counts among the one-sided.
    c.send("client", "PA", { clientPort: 41000, len: 10 });
    c.send("server", "A", { clientPort: 41000 });
    for (let port = 40000; port < 40002; port++) c.send("client", "A", { clientPort: port });
    c.idle(30);
    expect(retired).toEqual([]);
    c.send("client", "A", { clientPort: 40002 });
    c.idle(1);
    expect(retired.map((connection) => [connection.stream, connection.roleEvidence])).toEqual([[1, "port"]]);
    expect(c.deliver("client", "A", { clientPort: 40000 })).toBeInstanceOf(RetiredStream);
  });

  it("keeps a connection whose ends are not both done, however long it idles", () => {
    const { c, retired } = lettingGo();
    c.send("client", "S");
    c.send("server", "SA");
    c.send("client", "A");
    c.idle(600);
    expect(retired).toHaveLength(0);
    expect(c.send("client", "PA", { len: 5 }).connection.stream).toBe(0);
    c.tracker.finish();
    expect(retired.map((connection) => connection.client.state)).toEqual(["ESTABLISHED"]);
  });

  it("a SYN that reopens the ports of a connection in TIME_WAIT retires it at once, and its timer never runs out (RFC 6191)", () => {
    const retired: Connection[] = [];
    const c = new Conversation(30, { onRetired: (connection) => retired.push(connection) });
    closedByClient(c);
    c.idle(1);
    const old = c.connection;
    const reopened = c.send("client", "S", { seq: 12345 });
    expect([reopened.connection.stream, retired]).toEqual([1, [old]]);
    c.idle(120);
    expect([old.client.state, old.stateChanges.some((change) => change.cause === "time-wait-expired")]).toEqual([
      "TIME_WAIT",
      false,
    ]);
  });

  it("by default keeps every connection and its ends for ever, as Wireshark numbers streams", () => {
    const c = new Conversation();
    closedByClient(c);
    c.idle(600);
    expect(c.send("client", "A").connection.stream).toBe(0);
    expect(c.tracker.connections).toHaveLength(1);
  });
});
