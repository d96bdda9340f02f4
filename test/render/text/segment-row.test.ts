import { describe, expect, it } from "vitest";
import { rowWidth, segmentColumns, STATE_COLUMNS } from "../../../src/render/text/segment-row.js";
import { TIME_FORMATS } from "../../../src/render/text/time-column.js";

const STEP = { en: "handshake 3/3".length, zh: "握手 3/3".length + 2 };

describe("segmentColumns", () => {
  it("without a width: every column on the line, seq and ack wide enough for any 32-bit number", () => {
    const layout = segmentColumns({ language: "en", time: "connection", columns: undefined, brief: false });
    expect(layout).toMatchObject({
      frame: 7,
      seq: 10,
      ack: 10,
      length: 5,
      state: STATE_COLUMNS,
      step: true,
      split: false,
    });
  });

  it("has room for a state name and one mark after it", () => {
    expect(STATE_COLUMNS).toBe("ESTABLISHED?".length);
  });

  for (const language of ["en", "zh"] as const) {
    for (const brief of [false, true]) {
      for (const time of TIME_FORMATS) {
        for (const columns of [80, 100, 120]) {
          it(`fits ${columns} columns: ${language}, --time ${time}${brief ? ", brief" : ""}`, () => {
            const layout = segmentColumns({ language, time, columns, brief });
            expect(rowWidth(layout, STEP[language])).toBeLessThanOrEqual(columns);
            // The brief timeline has no explanation to carry the step.
            if (brief) expect(layout.step).toBe(true);
          });
        }
      }
    }
  }

  it("narrows seq and ack first, then moves the step under the line, then (brief) leaves the frame out", () => {
    const at = (columns: number, brief = false) =>
      segmentColumns({ language: "en", time: "connection", columns, brief });
    expect(at(100)).toMatchObject({ seq: 10, step: true });
    expect(at(88)).toMatchObject({ seq: 6, ack: 6, step: true });
    expect(at(80)).toMatchObject({ seq: 9, ack: 9, step: false, frame: 7 });
    expect(at(80, true)).toMatchObject({ step: true, frame: 0, split: false });
    expect(at(60, true)).toMatchObject({ step: true, split: true });
  });
});
