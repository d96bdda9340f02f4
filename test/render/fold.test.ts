import { describe, expect, it } from "vitest";
import { TcpFlag } from "../../src/decode/segment.js";
import { FOLDING, foldLadder } from "../../src/render/diagram/fold.js";
import type { FoldRow, Ladder, SegmentRow } from "../../src/render/diagram/ladder-model.js";
import { laddersOf } from "../helpers/ladders.js";

const segmentRows = (ladder: Ladder) => ladder.rows.filter((row): row is SegmentRow => row.kind === "segment");
const foldRows = (ladder: Ladder) => ladder.rows.filter((row): row is FoldRow => row.kind === "fold");

function isTelling(row: SegmentRow): boolean {
  const { tracked, explanation } = row.event;
  const flags = tracked.segment.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST);
  return explanation.step !== null || tracked.changes.length > 0 || tracked.analysis.length > 0 || tracked.notes.length > 0 || flags !== 0;
}

describe("folding a long connection (tcp_ports.pcapng, stream 2: 103 segments)", async () => {
  const [full] = await laddersOf({ capture: "shared/tcp_ports.pcapng", streams: [2], full: true });
  const ladder = foldLadder(full!);
  const all = segmentRows(full!);
  const shown = segmentRows(ladder);

  it("accounts for every segment: drawn or counted in a fold, in capture order", () => {
    const folded = foldRows(ladder).reduce((sum, fold) => sum + fold.segments, 0);
    expect(all.length).toBeGreaterThan(FOLDING.maxSegments);
    expect(shown.length + folded).toBe(all.length);
    const frames = ladder.rows.flatMap((row) => {
      if (row.kind === "segment") return [row.event.tracked.segment.frame];
      return row.kind === "fold" ? [row.firstFrame, row.lastFrame] : [];
    });
    expect(frames).toEqual([...frames].sort((a, b) => a - b));
  });

  it("keeps every segment with a step, a state change, a finding, a note or a SYN, FIN or RST", () => {
    const telling = all.filter(isTelling);
    expect(telling.length).toBeGreaterThan(0);
    for (const row of telling) expect(shown).toContain(row);
  });

  it("keeps the first and last few plain segments of the data phase", () => {
    const plain = all.filter((row) => !isTelling(row));
    const ends = [...plain.slice(0, FOLDING.keepAtEachEnd), ...plain.slice(-FOLDING.keepAtEachEnd)];
    for (const row of ends) expect(shown).toContain(row);
  });

  it("folds runs of two or more, and sums their bytes each way", () => {
    for (const fold of foldRows(ladder)) {
      expect(fold.segments).toBeGreaterThanOrEqual(2);
      const hidden = all.filter((row) => {
        const frame = row.event.tracked.segment.frame;
        return frame >= fold.firstFrame && frame <= fold.lastFrame;
      });
      expect(hidden).toHaveLength(fold.segments);
      for (const role of ["client", "server"] as const) {
        const bytes = hidden.filter((row) => row.event.tracked.from === role).reduce((sum, row) => sum + row.event.tracked.segment.payloadLength, 0);
        expect(fold.bytes[role]).toBe(bytes);
      }
    }
  });
});

describe("a short connection", () => {
  it(`(at most ${FOLDING.maxSegments} segments) is drawn in full`, async () => {
    const [ladder] = await laddersOf({ capture: "seed/seed-9502.pcap", full: true });
    expect(foldLadder(ladder!)).toBe(ladder);
  });
});
