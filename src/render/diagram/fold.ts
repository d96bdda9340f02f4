import { TcpFlag } from "../../decode/segment.js";
import type { FoldFigures } from "../../explain/catalog/index.js";
import { changeCount } from "../../track/observer/change-code.js";
import { changeCodesOf } from "../../track/tracked-segment.js";
import { formatBytes, formatCount, formatDuration } from "../shared/quantities.js";
import type { FoldRow, Ladder, LadderRow, RowSink, SegmentRow } from "./ladder-model.js";

/**
 * The folding rule (docs/pictures.md): a connection of more than `maxSegments` segments keeps
 * every segment that says something about the connection (a handshake or teardown step, a state
 * change, an analysis finding, a note, a SYN, FIN or RST) and the first and last `keepAtEachEnd`
 * of the others (plain data and ACKs: the data phase). Each run of the rest becomes one line
 * that counts them; a run of one is drawn, since its line would be no shorter.
 */
export const FOLDING = { maxSegments: 24, keepAtEachEnd: 3 } as const;

export function foldLadder(ladder: Ladder): Ladder {
  const folder = new RowFolder();
  for (const row of ladder.rows) folder.add(row);
  return folder.segmentCount <= FOLDING.maxSegments ? ladder : { ...ladder, rows: folder.rows() };
}

/**
 * The rule applied as rows come, holding only what the folded ladder shows: a long transfer of
 * millions of segments is held as its telling rows, a few plain ones and one count per run.
 * Until the connection has more than maxSegments segments every row is held as it is. Then a
 * plain row waits among the last keepAtEachEnd plain ones (the rows after it wait with it); once
 * keepAtEachEnd later ones came it cannot be one of the last, so it joins the run being counted.
 */
export class RowFolder implements RowSink {
  private segments = 0;
  /** Every row, until the connection is long enough to fold; then undefined. */
  private unfolded: LadderRow[] | undefined = [];
  /** The rows settled: drawn as they are, or folded into a run before them. */
  private readonly settled: LadderRow[] = [];
  private plainSeen = 0;
  /** The last plain rows (at most keepAtEachEnd) and the rows among and after them; a plain row first. */
  private readonly waiting: LadderRow[] = [];
  private waitingPlain = 0;
  private run: Run | undefined;

  add(row: LadderRow): void {
    if (row.kind === "segment") this.segments++;
    const unfolded = this.unfolded;
    if (unfolded === undefined) return this.fold(row);
    unfolded.push(row);
    if (this.segments <= FOLDING.maxSegments) return;
    this.unfolded = undefined;
    for (const held of unfolded) this.fold(held);
  }

  get segmentCount(): number {
    return this.segments;
  }

  rows(): LadderRow[] {
    if (this.unfolded !== undefined) return this.unfolded;
    this.endRun();
    return [...this.settled, ...this.waiting];
  }

  private fold(row: LadderRow): void {
    if (!isPlain(row)) {
      if (this.waitingPlain > 0) this.waiting.push(row);
      else this.settle(row);
    } else if (this.plainSeen++ < FOLDING.keepAtEachEnd) this.settle(row);
    else {
      this.waiting.push(row);
      if (++this.waitingPlain > FOLDING.keepAtEachEnd) this.foldOldestWaiting();
    }
  }

  /** The oldest waiting plain row joins the run; the rows after it, up to the next plain one, end the run and are settled. */
  private foldOldestWaiting(): void {
    const next = this.waiting.findIndex((row, index) => index > 0 && isPlain(row));
    const [oldest, ...after] = this.waiting.splice(0, next);
    this.waitingPlain--;
    this.run ??= new Run();
    this.run.add(oldest as SegmentRow);
    for (const row of after) this.settle(row);
  }

  private settle(row: LadderRow): void {
    this.endRun();
    this.settled.push(row);
  }

  private endRun(): void {
    if (this.run === undefined) return;
    this.settled.push(this.run.row());
    this.run = undefined;
  }
}

/** A run of folded segments, counted as they join: its first (drawn alone when it stays alone), its last, and the bytes each way. */
class Run {
  private first: SegmentRow | undefined;
  private last: SegmentRow | undefined;
  private segments = 0;
  private readonly bytes = { client: 0, server: 0 };

  add(row: SegmentRow): void {
    this.first ??= row;
    this.last = row;
    this.segments++;
    this.bytes[row.event.tracked.from] += row.event.tracked.segment.payloadLength;
  }

  row(): LadderRow {
    const first = this.first!;
    if (this.segments === 1) return first;
    const last = this.last!.event.tracked;
    const fold: FoldRow = {
      kind: "fold",
      segments: this.segments,
      bytes: this.bytes,
      firstFrame: first.event.tracked.segment.frame,
      lastFrame: last.segment.frame,
      seconds: last.sinceStart - first.event.tracked.sinceStart,
    };
    return fold;
  }
}

/** A segment that says nothing beyond "data" or "ACK": the data phase, which folds. */
function isPlain(row: LadderRow): row is SegmentRow {
  return row.kind === "segment" && !isTelling(row);
}

/** Does the segment say something beyond "data" or "ACK"? */
function isTelling(row: SegmentRow): boolean {
  const { tracked, explanation } = row.event;
  return (
    explanation.step !== null ||
    changeCount(changeCodesOf(tracked)) > 0 ||
    tracked.analysis.length > 0 ||
    tracked.notes.length > 0 ||
    (tracked.segment.flags & (TcpFlag.SYN | TcpFlag.FIN | TcpFlag.RST)) !== 0
  );
}

/** A fold row's figures, written out for the words that stand for it in every picture. */
export function foldFigures(fold: FoldRow): FoldFigures {
  return {
    segments: formatCount(fold.segments),
    frames: `${fold.firstFrame}-${fold.lastFrame}`,
    client: formatBytes(fold.bytes.client),
    server: formatBytes(fold.bytes.server),
    duration: formatDuration(fold.seconds),
  };
}
