import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnnotatedSegment, TimerEvent } from "../../../src/annotate/events.js";
import { TcpFlag } from "../../../src/decode/segment.js";
import { FOLDING, foldLadder, RowFolder } from "../../../src/render/diagram/fold.js";
import type { FoldRow, Ladder, LadderRow, SegmentRow } from "../../../src/render/diagram/ladder-model.js";
import { laddersOf } from "../../helpers/ladders.js";

const segmentRows = (ladder: Ladder) => ladder.rows.filter((row): row is SegmentRow => row.kind === "segment");
const foldRows = (ladder: Ladder) => ladder.rows.filter((row): row is FoldRow => row.kind === "fold");

function isTelling(row: SegmentRow): boolean {
  const { tracked, explanation } = row.event;
  const flags = tracked.segment.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST);
  return (
    explanation.step !== null ||
    tracked.changes.length > 0 ||
    tracked.analysis.length > 0 ||
    tracked.notes.length > 0 ||
    flags !== 0
  );
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
        const bytes = hidden
          .filter((row) => row.event.tracked.from === role)
          .reduce((sum, row) => sum + row.event.tracked.segment.payloadLength, 0);
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

/**
 * The rule as docs/pictures.md states it, over a whole ladder at once: the oracle for RowFolder, which
 * applies it as rows come. Rows here are stand-ins: a plain or a telling segment (one with a
 * finding), or a TIME_WAIT expiry.
 */
function foldedAtOnce(rows: readonly LadderRow[]): LadderRow[] {
  const segments = rows.filter((row): row is SegmentRow => row.kind === "segment");
  if (segments.length <= FOLDING.maxSegments) return [...rows];
  const plain = segments.filter((row) => !isTelling(row));
  const kept = new Set([...plain.slice(0, FOLDING.keepAtEachEnd), ...plain.slice(-FOLDING.keepAtEachEnd)]);
  const out: Array<LadderRow | SegmentRow[]> = [];
  for (const row of rows) {
    const folds = row.kind === "segment" && !isTelling(row) && !kept.has(row);
    const last = out[out.length - 1];
    if (folds && Array.isArray(last)) last.push(row);
    else out.push(folds ? [row] : row);
  }
  return out.map((item) => (!Array.isArray(item) ? item : item.length === 1 ? item[0]! : foldSummary(item)));
}

function foldSummary(run: readonly SegmentRow[]): FoldRow {
  const bytes = { client: 0, server: 0 };
  for (const row of run) bytes[row.event.tracked.from] += row.event.tracked.segment.payloadLength;
  const [first, last] = [run[0]!.event.tracked, run[run.length - 1]!.event.tracked];
  return {
    kind: "fold",
    segments: run.length,
    bytes,
    firstFrame: first.segment.frame,
    lastFrame: last.segment.frame,
    seconds: last.sinceStart - first.sinceStart,
  };
}

type Kind = "plain" | "telling" | "timer";

function standIn(kind: Kind, frame: number): LadderRow {
  if (kind === "timer") return { kind: "timer", event: {} as TimerEvent, sinceStart: frame, gap: null };
  const tracked = {
    from: frame % 3 === 0 ? "server" : "client",
    sinceStart: frame / 1000,
    changes: [],
    notes: [],
    analysis: kind === "telling" ? ["duplicate_ack"] : [],
    segment: { frame, flags: TcpFlag.ACK, payloadLength: frame % 7 },
  };
  return {
    kind: "segment",
    event: { kind: "segment", tracked, explanation: { step: null, messages: [] } } as unknown as AnnotatedSegment,
    gap: null,
  };
}

describe("RowFolder, folding as rows come", () => {
  it("gives what folding the whole ladder at once gives, for any sequence of rows", () => {
    const kinds = fc.array(fc.constantFrom<Kind>("plain", "plain", "plain", "telling", "timer"), {
      maxLength: 90,
      size: "max",
    });
    fc.assert(
      fc.property(kinds, (sequence) => {
        const rows = sequence.map((kind, i) => standIn(kind, i + 1));
        const folder = new RowFolder();
        for (const row of rows) folder.add(row);
        expect(folder.rows()).toEqual(foldedAtOnce(rows));
      }),
      { numRuns: 500 },
    );
  });
});
