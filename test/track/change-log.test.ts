import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  causeNumber,
  causeNumberOfCode,
  changeCode,
  changeCodeAt,
  changeCount,
  changeOfCode,
  changesOfCodes,
  madeByServer,
  NO_CHANGES,
  withChangeCode,
  type ChangeCodes,
} from "../../src/track/observer/change-code.js";
import { ChangeLog } from "../../src/track/observer/change-log.js";
import { TCP_STATES } from "../../src/track/states.js";
import { TRANSITION_CAUSES, type StateChange, type TransitionCause } from "../../src/track/transition.js";

const change: fc.Arbitrary<StateChange> = fc.record({
  // Frames count from 1; a capture of more than 2^32 frames still fits.
  frame: fc.oneof(fc.integer({ min: 1, max: 2 ** 32 }), fc.constant(2 ** 38)),
  endpoint: fc.constantFrom("client", "server"),
  from: fc.constantFrom(...TCP_STATES),
  to: fc.constantFrom(...TCP_STATES),
  cause: fc.constantFrom(...(Object.keys(TRANSITION_CAUSES) as TransitionCause[])),
});

/** A change's code, as the observer records it (its frame kept apart). */
function codeOf(change: StateChange): number {
  return changeCode(change.endpoint, TCP_STATES.indexOf(change.from), TCP_STATES.indexOf(change.to), change.cause);
}

describe("change codes", () => {
  it("give back the change they were made of, at the frame given", () => {
    fc.assert(
      fc.property(change, (made) => {
        expect(changeOfCode(codeOf(made), made.frame)).toEqual(made);
      }),
    );
  });

  it("tell their cause's number and whether the server made them", () => {
    fc.assert(
      fc.property(change, (made) => {
        const code = codeOf(made);
        expect(causeNumberOfCode(code)).toBe(causeNumber(made.cause));
        expect(madeByServer(code)).toBe(made.endpoint === "server");
      }),
    );
  });

  it("pack a row's changes in order, one, two or many, and give back each", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 20 }), fc.array(change, { maxLength: 6 }), (frame, changes) => {
        let codes: ChangeCodes = NO_CHANGES;
        for (const made of changes) codes = withChangeCode(codes, codeOf(made));
        expect(typeof codes === "number").toBe(changes.length <= 2);
        if (typeof codes === "number") expect(Number.isSafeInteger(codes) && codes < 2 ** 30).toBe(true);
        expect(changeCount(codes)).toBe(changes.length);
        expect(changes.map((_, index) => changeCodeAt(codes, index))).toEqual(changes.map(codeOf));
        expect(changesOfCodes(codes, frame)).toEqual(changes.map((made) => ({ ...made, frame })));
      }),
    );
  });
});

describe("ChangeLog", () => {
  it("gives back every change as it was pushed, in order, whole or field by field", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
        const log = new ChangeLog();
        for (const pushed of changes) log.push(codeOf(pushed), pushed.frame);
        expect(log.length).toBe(changes.length);
        changes.forEach((pushed, index) => {
          expect(log.at(index)).toEqual(pushed);
          expect([log.cause(index), log.endpoint(index), log.frame(index)]).toEqual([
            pushed.cause,
            pushed.endpoint,
            pushed.frame,
          ]);
        });
      }),
    );
  });

  it("tells every cause and every pair of states apart", () => {
    const log = new ChangeLog();
    const all: StateChange[] = [];
    for (const cause of Object.keys(TRANSITION_CAUSES) as TransitionCause[])
      for (const from of TCP_STATES)
        for (const to of TCP_STATES) all.push({ frame: all.length + 1, endpoint: "server", from, to, cause });
    for (const pushed of all) log.push(codeOf(pushed), pushed.frame);
    expect(all.map((_, index) => log.at(index))).toEqual(all);
  });
});
