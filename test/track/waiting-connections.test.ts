import { describe, expect, it } from "vitest";
import { CaptureTime } from "../../src/capture/timestamp.js";
import { TcpFlag } from "../../src/decode/segment.js";
import { Connection, Awaiting } from "../../src/track/connection.js";
import { Endpoint } from "../../src/track/endpoint.js";
import { leavesSynRcvd, WaitingConnections } from "../../src/track/waiting-connections.js";

const START = 1_700_000_000;

/** A connection whose last segment came at `seconds` past START. */
function connectionAt(stream: number, seconds: number): Connection {
  return new Connection(
    stream,
    new Endpoint("10.0.0.1", 40000 + stream),
    new Endpoint("10.0.0.2", 80),
    1,
    new CaptureTime(START + seconds, 0),
  );
}

/** One unanswered SYN's connection (stream 0), then `answered` more whose servers answered at once. */
function oneUnansweredAmong(syns: WaitingConnections, answered: number): Connection {
  const unanswered = connectionAt(0, 0);
  syns.add(unanswered, START);
  for (let stream = 1; stream <= answered; stream++) {
    const connection = connectionAt(stream, 0);
    syns.add(connection, START);
    syns.forget(connection);
  }
  return unanswered;
}

/** Every connection `next` lets go of by `now`. */
function dueBy(syns: WaitingConnections, now: number): number[] {
  const due: number[] = [];
  for (let connection = syns.next(START + now); connection !== undefined; connection = syns.next(START + now))
    due.push(connection.stream);
  return due;
}

describe("WaitingConnections: unanswered SYNs", () => {
  it("lets a SYN go once its time passed unanswered, and never one forgotten (answered or let go of)", () => {
    const syns = new WaitingConnections(Awaiting.SYN_ANSWER, 130, 4096);
    const connections = [0, 1, 2].map((stream) => connectionAt(stream, stream));
    for (const connection of connections) syns.add(connection, START + connection.stream);
    syns.forget(connections[1]!);
    expect(dueBy(syns, 129)).toEqual([]);
    expect(dueBy(syns, 132.5)).toEqual([0, 2]);
    expect(connections.map((connection) => connection.awaits(Awaiting.SYN_ANSWER))).toEqual([false, false, false]);
  });

  it("counts only the SYNs still unanswered toward the limit: answered ones push none out", () => {
    const syns = new WaitingConnections(Awaiting.SYN_ANSWER, 130, 3);
    const unanswered = oneUnansweredAmong(syns, 100);
    expect(dueBy(syns, 1)).toEqual([]);
    expect(unanswered.awaits(Awaiting.SYN_ANSWER)).toBe(true);
  });

  it("past the limit of unanswered ones, lets the oldest go at once", () => {
    const syns = new WaitingConnections(Awaiting.SYN_ANSWER, 130, 3);
    for (let stream = 0; stream < 5; stream++) syns.add(connectionAt(stream, 0), START);
    expect(dueBy(syns, 1)).toEqual([0, 1]);
  });

  it("keeps no entry of a forgotten connection once they are most of the queue (the queue is swept)", () => {
    const syns = new WaitingConnections(Awaiting.SYN_ANSWER, 130, 4096);
    oneUnansweredAmong(syns, 3000);
    const held = (syns as unknown as { held: { size: number } }).held;
    expect(held.size).toBeLessThan(2 * 1025 + 1);
    expect(dueBy(syns, 131)).toEqual([0]);
    expect(held.size).toBe(0);
  });
});

describe("WaitingConnections: half-open handshakes, held until too many wait", () => {
  it("never lets one go for time alone", () => {
    const halfOpen = new WaitingConnections(Awaiting.HANDSHAKE_ACK, Number.POSITIVE_INFINITY, 3);
    for (let stream = 0; stream < 3; stream++) halfOpen.add(connectionAt(stream, 0), START);
    expect(dueBy(halfOpen, 1e9)).toEqual([]);
  });

  it("past the limit, lets go of the one waiting longest; one that took the step counts no more", () => {
    const halfOpen = new WaitingConnections(Awaiting.HANDSHAKE_ACK, Number.POSITIVE_INFINITY, 3);
    const connections = [0, 1, 2, 3, 4].map((stream) => connectionAt(stream, stream));
    for (const connection of connections) halfOpen.add(connection, START + connection.stream);
    halfOpen.forget(connections[1]!);
    expect(dueBy(halfOpen, 5)).toEqual([0]);
    expect(connections.map((connection) => connection.awaits(Awaiting.HANDSHAKE_ACK))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it("marks a connection for its own step alone: the unanswered SYNs' mark is another", () => {
    const connection = connectionAt(0, 0);
    new WaitingConnections(Awaiting.HANDSHAKE_ACK, Number.POSITIVE_INFINITY, 3).add(connection, START);
    expect([connection.awaits(Awaiting.HANDSHAKE_ACK), connection.awaits(Awaiting.SYN_ANSWER)]).toEqual([true, false]);
  });
});

describe("leavesSynRcvd", () => {
  const { SYN, ACK, RST, FIN } = TcpFlag;
  it.each([
    ["client", ACK, true],
    ["client", ACK | FIN, true],
    ["client", RST, true],
    ["server", RST | ACK, true],
    ["client", SYN, false],
    ["client", SYN | ACK, false],
    ["server", SYN | ACK, false],
    ["server", ACK, false],
  ] as const)("%s with flags %i: %s", (from, flags, leaves) => {
    expect(leavesSynRcvd(from, flags)).toBe(leaves);
  });
});
