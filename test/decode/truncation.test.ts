import { describe, expect, test } from "vitest";
import { decode } from "./helpers/packets.js";
import { cutLayer, cutPart, STACKS, stackBytes, TUNNEL_STACKS } from "./helpers/stacks.js";

describe.each([...STACKS, ...TUNNEL_STACKS])("$name: cut at every length", ({ linkType, parts }) => {
  const frame = stackBytes(parts);
  const lengths = Array.from({ length: frame.length }, (_, length) => length);

  test("the whole frame decodes", () => {
    const decoded = decode(frame, linkType);
    expect(decoded.kind === "tcp" && decoded.segment.payloadLength).toBe(5);
  });

  test.each(lengths)("snap length %i: truncated in the header it cut, never malformed", (length) => {
    const decoded = decode(frame.subarray(0, length), linkType, frame.length);
    const expected = cutLayer(parts, length);
    if (expected === undefined) {
      expect(decoded).toMatchObject({ kind: "tcp", segment: { truncated: true, headerLength: 40, payloadLength: 5 } });
      if (decoded.kind === "tcp") expect(decoded.segment.problems).toBeUndefined();
    } else {
      expect(decoded).toMatchObject({ kind: "damaged", problem: "truncated", ...expected });
    }
  });

  test.each(lengths)("frame of %i bytes on the wire: never called truncated", (length) => {
    const decoded = decode(frame.subarray(0, length), linkType, length);
    if (decoded.kind === "damaged") expect(decoded.problem).toBe("malformed");
    else if (cutPart(parts, length)?.part.shortIsSkipped === true) expect(decoded.kind).toBe("skipped");
    else expect(decoded).toMatchObject({ kind: "tcp", segment: { truncated: false } });
  });
});
