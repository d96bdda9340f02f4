import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TcpFlag } from "../../../src/decode/segment.js";
import { Endpoint } from "../../../src/track/endpoint.js";
import { changeCount, changesOfCodes } from "../../../src/track/observer/change-code.js";
import { rowFacts } from "../../../src/track/observer/read-segment.js";
import { ObservedRow } from "../../../src/track/observer/row.js";
import { applyArrival } from "../../../src/track/observer/rules.js";
import { ANCHOR, NOW, SideFlag, Sides, tableTemplate } from "../../../src/track/observer/side.js";
import { TCP_STATES, type TcpState } from "../../../src/track/states.js";
import { clientSegment } from "../../helpers/segment.js";

const TEMPLATE = tableTemplate([]);
const FLAGS = Object.values(SideFlag);

/** A segment from the client to the server, frame 7, window 65535, at 1,700,000,000.25 s. */
function segmentOf(flags: number, seq: number, ack: number) {
  return clientSegment({ frame: 7, nanos: 250_000_000, window: 65535, flags, seq, ack });
}

describe("Sides", () => {
  it("keeps each slot's state, flags and unconfirmed ACK apart from the others'", () => {
    const slot = fc.constantFrom(NOW, NOW + 1, ANCHOR, ANCHOR + 1);
    const step = fc.tuple(
      slot,
      fc.constantFrom(...TCP_STATES),
      fc.subarray(FLAGS),
      fc.integer({ min: -1, max: 2 ** 31 - 1 }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 20 }), (steps) => {
        const sides = new Sides(TEMPLATE, "CLOSED", "LISTEN");
        const expected = new Map<number, { state: TcpState; flags: number; unconfirmed: number }>();
        for (const s of [NOW, NOW + 1, ANCHOR, ANCHOR + 1])
          expected.set(s, { state: s & 1 ? "LISTEN" : "CLOSED", flags: 0, unconfirmed: -1 });
        for (const [at, state, flags, index] of steps) {
          sides.setState(at, state);
          for (const flag of flags) sides.mark(at, flag);
          sides.setUnconfirmedAck(at, index);
          const was = expected.get(at)!;
          expected.set(at, { state, flags: flags.reduce((all, flag) => all | flag, was.flags), unconfirmed: index });
        }
        for (const [at, { state, flags, unconfirmed }] of expected) {
          expect(sides.state(at)).toBe(state);
          expect(TCP_STATES[sides.stateCode(at)]).toBe(state);
          for (const flag of FLAGS) expect(sides.has(at, flag)).toBe((flags & flag) !== 0);
          expect(sides.unconfirmedAck(at)).toBe(unconfirmed);
        }
      }),
    );
  });

  it("records a move with its endpoint, states and cause (made at the row's frame), and the row it rests on; none to the same state", () => {
    const sides = new Sides(TEMPLATE, "CLOSED", "LISTEN");
    sides.startRow();
    sides.move(NOW + 1, "LISTEN", "received-syn", 3);
    sides.move(NOW + 1, "SYN_RCVD", "received-syn", 3);
    expect(changesOfCodes(sides.rowChanges, 12)).toEqual([
      { frame: 12, endpoint: "server", from: "LISTEN", to: "SYN_RCVD", cause: "received-syn" },
    ]);
    expect([sides.state(NOW + 1), sides.basis(NOW + 1), sides.state(ANCHOR + 1)]).toEqual(["SYN_RCVD", 3, "LISTEN"]);
    sides.startMovesOnly();
    sides.move(NOW, "SYN_SENT", "sent-syn", -1);
    sides.note("no-answer");
    expect([changeCount(sides.rowChanges), sides.rowNotes.length, sides.state(NOW)]).toEqual([1, 0, "SYN_SENT"]);
  });

  it("works out the move an arrival would make without making it: a FIN into FIN_WAIT_2 (RFC 9293 §3.10.7.4)", () => {
    const client = new Endpoint("10.0.0.1", 40000);
    const server = new Endpoint("10.0.0.2", 80);
    client.role = "client";
    server.role = "server";
    const sides = new Sides(TEMPLATE, "CLOSE_WAIT", "FIN_WAIT_2");
    sides.startTimeWait(NOW + 1, 1_600_000_000, 5);
    sides.startRow();
    sides.note("fin-retransmitted");
    const segment = segmentOf(TcpFlag.FIN | TcpFlag.ACK, 1000, 2000);
    const row = new ObservedRow(4, segment, "client", rowFacts(segment, client, server));
    expect(sides.firstMoveOf(NOW + 1, NOW, row, applyArrival)).toBe("received-fin-after-ack");
    // The receiver is as it was, and the row being read recorded nothing more.
    expect([sides.state(NOW + 1), sides.has(NOW + 1, SideFlag.RECEIVED_FIN), sides.basis(NOW + 1)]).toEqual([
      "FIN_WAIT_2",
      false,
      -1,
    ]);
    expect(sides.timeWaitAt(NOW + 1)).toBe(1_600_000_000 + 5 / 1e9);
    expect([changeCount(sides.rowChanges), sides.rowNotes.map((note) => note.id)]).toEqual([0, ["fin-retransmitted"]]);
    // Made, the same arrival moves it to TIME_WAIT and starts the timer at the segment's time.
    applyArrival(sides, NOW + 1, NOW, row);
    expect([sides.state(NOW + 1), sides.basis(NOW + 1), sides.timeWaitAt(NOW + 1)]).toEqual([
      "TIME_WAIT",
      4,
      1_700_000_000.25,
    ]);
  });
});
