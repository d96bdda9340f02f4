import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Evidence } from "../../../src/track/observer/evidence.js";
import type { ObservedRow } from "../../../src/track/observer/row.js";
import type { Role } from "../../../src/track/states.js";
import type { TrackedSegment } from "../../../src/track/tracked-segment.js";
import { Conversation } from "../conversation.js";

/**
 * A fact about kept rows has them read again from the first row it changes, from the sides that
 * row was last read from (Hindsight.replay). The oracle reads every kept row again from the oldest
 * at every fact, as the observer did before: both must read every row, revise and settle alike.
 */

type Move =
  | { kind: "send"; from: Role; flags: string; len: number }
  | { kind: "repeat"; from: Role; flags: "S" | "SA" | "FA" }
  | { kind: "stale-ack"; from: Role };

const role = fc.constantFrom<Role>("client", "server");
const move: fc.Arbitrary<Move> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("send" as const),
      from: role,
      flags: fc.constantFrom("A", "PA", "FA", "S", "SA", "R", "RA"),
      len: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("repeat" as const),
      from: role,
      flags: fc.constantFrom("S" as const, "SA" as const, "FA" as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("stale-ack" as const), from: role }) },
);

/** Plays the moves; returns what came out: each segment's reading as it stands at the end, the revisions and the settled order. */
function play(moves: readonly Move[]): unknown {
  const c = new Conversation();
  const rows: TrackedSegment[] = [];
  const revisions: unknown[] = [];
  const settled: number[] = [];
  /** Each side's last SYN or FIN: what a repeat sends again. */
  const lastControl: Record<Role, { seq: number; flags: string } | undefined> = {
    client: undefined,
    server: undefined,
  };
  const stale: Record<Role, number> = { client: 0, server: 0 };
  c.send("client", "S");
  for (const next of moves) {
    const to: Role = next.from === "client" ? "server" : "client";
    if (next.kind === "repeat") {
      const control = lastControl[next.from];
      if (control === undefined) continue;
      rows.push(c.send(next.from, control.flags, { seq: control.seq }));
    } else if (next.kind === "stale-ack") {
      rows.push(c.send(next.from, "A", { ack: stale[next.from] || c.next[to] }));
    } else {
      const seq = c.next[next.from];
      const len = next.flags.includes("S") || next.flags.includes("R") ? 0 : next.len;
      stale[next.from] = c.next[to];
      rows.push(c.send(next.from, next.flags, { len }));
      if (next.flags.includes("S") || next.flags.includes("F")) lastControl[next.from] = { seq, flags: next.flags };
    }
    revisions.push(...c.tracker.takeRevisions());
    for (const row of c.tracker.takeSettled()) settled.push(row.segment.frame);
  }
  const observed = rows as unknown as (TrackedSegment & ObservedRow)[];
  return {
    rows: observed.map((row) => ({
      frame: row.segment.frame,
      states: row.states,
      now: row.statesNow,
      told: row.told,
      changes: row.changes,
      notes: row.notes,
      receipt: row.receipt,
      delivery: row.delivery,
      lost: row.lost,
      bases: [row.basisClient, row.basisServer],
    })),
    revisions,
    settled,
    final: c.connection.hindsight.states,
  };
}

/** play, with every fact having the kept rows read again from the oldest. */
function playReadingAll(moves: readonly Move[]): unknown {
  const weigh = Evidence.prototype.weigh;
  const spy = vi.spyOn(Evidence.prototype, "weigh").mockImplementation(function (this: Evidence, ...args) {
    const reason = weigh.apply(this, args);
    (this as unknown as { revisedFrom: number }).revisedFrom = -1;
    return reason;
  });
  try {
    return play(moves);
  } finally {
    spy.mockRestore();
  }
}

describe("reading kept rows again from the first one a fact changes", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads, revises and settles every row as reading them all again does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(move, { minLength: 1, maxLength: 48 }),
        (unanswered, moves) => {
          // Data nobody answers first keeps many rows, so that facts come about rows deep among them.
          const all: Move[] = [
            { kind: "send", from: "server", flags: "SA", len: 0 },
            ...Array.from({ length: unanswered }, (): Move => ({ kind: "send", from: "client", flags: "PA", len: 1 })),
            ...moves,
          ];
          expect(play(all)).toEqual(playReadingAll(all));
        },
      ),
      { numRuns: 1500, seed: 0x4e91 },
    );
  });

  it("a FIN sent again while the peer's segments acknowledge no copy: every copy crossed again, as reading them all says", () => {
    const moves: Move[] = [
      { kind: "send", from: "server", flags: "SA", len: 0 },
      { kind: "send", from: "client", flags: "A", len: 0 },
      { kind: "send", from: "client", flags: "FA", len: 0 },
    ];
    for (let i = 0; i < 40; i++)
      moves.push({ kind: "stale-ack", from: "server" }, { kind: "repeat", from: "client", flags: "FA" });
    expect(play(moves)).toEqual(playReadingAll(moves));
  });
});
