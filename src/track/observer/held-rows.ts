import { truncate } from "../truncate.js";
import type { ObservedRow } from "./row.js";
import { PAIR_FIELDS, type Sides } from "./side.js";

/**
 * Room a connection's kept rows start with: a row waits for the peer's next segment, so a few are
 * kept at a time; a first push into an empty array would make room for seventeen.
 */
const ROOM = 4;

/**
 * A connection's rows not final yet, in order of index. Every row is taken in and the oldest
 * leave first, so their indexes follow one another: a row is found by its index at once. The
 * oldest leave by moving where the kept rows start, and the array is compacted only once as many
 * have left as are kept: a connection that keeps HISTORY_LIMIT rows (one endpoint sending with no
 * answer) settles one row per segment, and moving every kept row each time made it quadratic.
 * With each row is kept the pair of sides it was last read from (its before, PAIR_FIELDS numbers
 * in one array beside the rows): a replay that a fact about a later row asks for starts there,
 * rather than at the first kept row (Hindsight.replay).
 */
export class HeldRows<Row extends ObservedRow> {
  /** The kept rows from `start` on (one array, emptied and refilled in place). */
  private readonly rows: Row[] = withRoomFor(ROOM);
  /** Per row in `rows`, PAIR_FIELDS numbers: the pair of sides before it, as it was last read. */
  private readonly befores: number[] = withRoomFor(ROOM * PAIR_FIELDS);
  private start = 0;

  get length(): number {
    return this.rows.length - this.start;
  }

  /** The kept row at `position` (0 is the oldest), below length. */
  at(position: number): Row {
    return this.rows[this.start + position]!;
  }

  /** The oldest kept row, if any. */
  get first(): Row | undefined {
    return this.rows[this.start];
  }

  /** The kept row with this index, if it is kept. */
  withIndex(index: number): Row | undefined {
    const first = this.rows[this.start];
    if (first === undefined) return undefined;
    const position = index - first.index;
    return position >= 0 && position < this.length ? this.at(position) : undefined;
  }

  push(row: Row): void {
    this.rows.push(row);
    for (let i = 0; i < PAIR_FIELDS; i++) this.befores.push(0);
  }

  /** The row at `position` is read from the sides' `pair`: kept as its before. */
  keepBefore(position: number, sides: Sides, pair: number): void {
    sides.savePair(pair, this.befores, (this.start + position) * PAIR_FIELDS);
  }

  /** The sides' `pair` becomes what the row at `position` was last read from. */
  restoreBefore(position: number, sides: Sides, pair: number): void {
    sides.loadPair(this.befores, (this.start + position) * PAIR_FIELDS, pair);
  }

  /** The `count` oldest rows leave. */
  dropFirst(count: number): void {
    const rows = this.rows;
    const start = this.start + count;
    if (start < rows.length - start) {
      this.start = start;
      return;
    }
    for (let i = start; i < rows.length; i++) rows[i - start] = rows[i]!;
    truncate(rows, rows.length - start);
    const befores = this.befores;
    const from = start * PAIR_FIELDS;
    for (let i = from; i < befores.length; i++) befores[i - from] = befores[i]!;
    truncate(befores, befores.length - from);
    this.start = 0;
  }

  /** Every row leaves, and the array gives its store back. */
  release(): void {
    this.rows.length = 0;
    this.befores.length = 0;
    this.start = 0;
  }
}

/** An empty array with room for `count` items (emptied with pop, which keeps its store). */
function withRoomFor<T>(count: number): T[] {
  const items = new Array<T>(count);
  truncate(items, 0);
  return items;
}
