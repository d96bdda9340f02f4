import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changeCode,
  changeCodeAt,
  changeCount,
  changesOfCodes,
  codesOfChanges,
  endpointOfCode,
  NO_CHANGES,
  stateLeftOfCode,
  withChangeCode,
  type ChangeCodes,
} from "../../../src/track/observer/change-code.js";
import { TCP_STATES, type Role } from "../../../src/track/states.js";
import { changeCodesOf, type TrackedSegment } from "../../../src/track/tracked-segment.js";
import { TRANSITION_CAUSES, type TransitionCause } from "../../../src/track/transition.js";

const CAUSES = Object.keys(TRANSITION_CAUSES) as TransitionCause[];
const code = fc
  .tuple(
    fc.constantFrom<Role>("client", "server"),
    fc.integer({ min: 0, max: TCP_STATES.length - 1 }),
    fc.integer({ min: 0, max: TCP_STATES.length - 1 }),
    fc.constantFrom(...CAUSES),
  )
  .map(([endpoint, from, to, cause]) => changeCode(endpoint, from, to, cause));

function codesOf(list: readonly number[]): ChangeCodes {
  return list.reduce<ChangeCodes>(withChangeCode, NO_CHANGES);
}

describe("change codes", () => {
  it("name the endpoint and the state left, as the change made of them does", () => {
    fc.assert(
      fc.property(code, (one) => {
        const [change] = changesOfCodes(codesOf([one]), 7);
        expect(endpointOfCode(one)).toBe(change!.endpoint);
        expect(stateLeftOfCode(one)).toBe(change!.from);
      }),
    );
  });

  it("are what codesOfChanges makes of the changes made of them, however many", () => {
    fc.assert(
      fc.property(fc.array(code, { maxLength: 5 }), (list) => {
        const again = codesOfChanges(changesOfCodes(codesOf(list), 12));
        expect(changeCount(again)).toBe(list.length);
        for (const [i, one] of list.entries()) expect(changeCodeAt(again, i)).toBe(one);
      }),
    );
  });

  it("of a segment that is not the tracker's are read from its changes", () => {
    const changes = changesOfCodes(
      codesOf([changeCode("client", 1, 2, CAUSES[0]!), changeCode("server", 3, 4, CAUSES[1]!)]),
      3,
    );
    const codes = changeCodesOf({ changes } as unknown as TrackedSegment);
    expect(changesOfCodes(codes, 3)).toEqual(changes);
  });
});
