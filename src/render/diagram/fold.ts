import { TcpFlag } from "../../decode/segment.js";
import type { FoldRow, Ladder, LadderRow, SegmentRow } from "./ladder-model.js";

/**
 * The folding rule (README, "Pictures"): a connection of more than `maxSegments` segments keeps
 * every segment that says something about the connection (a handshake or teardown step, a state
 * change, an analysis finding, a note, a SYN, FIN or RST) and the first and last `keepAtEachEnd`
 * of the others (plain data and ACKs: the data phase). Each run of the rest becomes one line
 * that counts them; a run of one is drawn, since its line would be no shorter.
 */
export const FOLDING = { maxSegments: 24, keepAtEachEnd: 3 } as const;

export function foldLadder(ladder: Ladder): Ladder {
  const segments = ladder.rows.filter((row) => row.kind === "segment");
  if (segments.length <= FOLDING.maxSegments) return ladder;
  const plain = segments.filter((row) => !isTelling(row));
  const kept = new Set([...plain.slice(0, FOLDING.keepAtEachEnd), ...plain.slice(-FOLDING.keepAtEachEnd)]);
  const rows: LadderRow[] = [];
  let run: SegmentRow[] = [];
  const endRun = () => {
    if (run.length === 1) rows.push(...run);
    else if (run.length > 1) rows.push(foldOf(run));
    run = [];
  };
  for (const row of ladder.rows) {
    if (row.kind === "segment" && !isTelling(row) && !kept.has(row)) run.push(row);
    else {
      endRun();
      rows.push(row);
    }
  }
  endRun();
  return { ...ladder, rows };
}

/** Does the segment say something beyond "data" or "ACK"? */
function isTelling(row: SegmentRow): boolean {
  const { tracked, explanation } = row.event;
  return (
    explanation.step !== null ||
    tracked.changes.length > 0 ||
    tracked.analysis.length > 0 ||
    tracked.notes.length > 0 ||
    (tracked.segment.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) !== 0
  );
}

function foldOf(run: readonly SegmentRow[]): FoldRow {
  const bytes = { client: 0, server: 0 };
  for (const row of run) bytes[row.event.tracked.from] += row.event.tracked.segment.payloadLength;
  const first = run[0]!.event.tracked;
  const last = run[run.length - 1]!.event.tracked;
  return {
    kind: "fold",
    segments: run.length,
    bytes,
    firstFrame: first.segment.frame,
    lastFrame: last.segment.frame,
    seconds: last.sinceStart - first.sinceStart,
  };
}
