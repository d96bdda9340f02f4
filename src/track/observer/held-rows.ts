import { truncate, withRoomFor } from "../truncate.js";
import type { ObservedRow } from "./row.js";
import { PAIR_FIELDS, type Sides } from "./side.js";

/**
 * Room a connection's kept rows start with: a row waits for the peer's next segment, so a few are
 * kept at a time; a first push into an empty array would make room for seventeen.
 */
const ROOM = 4;

/**
 * Only a row this deep in the kept rows keeps its before: reading again the few rows above it
 * costs less than keeping a copy of the sides with every row of every connection.
 */
const BEFORE_KEPT_FROM = 16;

/**
 * A connection's rows not final yet, in order of index. Every row is taken in and the oldest
 * leave first, so their indexes follow one another: a row is found by its index at once. The
 * oldest leave by moving where the kept rows start, and the array is compacted only once as many
 * have left as are kept: a connection that keeps HISTORY_LIMIT rows (one endpoint sending with no
 * answer) settles one row per segment, and moving every kept row each time made it quadratic.
 * With each row from BEFORE_KEPT_FROM on is kept the pair of sides it was last read from (its
 * before, PAIR_FIELDS numbers in one array beside the rows, made when a connection first keeps that
 * many): a replay that a fact about a later row asks for starts there, rather than at the first
 * kept row (Hindsight.replay). A row's place in that array is its place in `rows`: it stays while
 * older rows leave, and its position only falls, so a row deep enough to need its before has it.
 */
export class HeldRows<Row extends ObservedRow> {
  /** The kept rows from `start` on (one array, emptied and refilled in place). */
  private readonly rows: Row[] = withRoomFor(ROOM);
  /** Per row in `rows` (from BEFORE_KEPT_FROM on), PAIR_FIELDS numbers: the pair of sides before it, as it was last read. */
  private befores: Float64Array | undefined;
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
  }

  /** The row at `position` is read from the sides' `pair`: kept as its before, if it is deep enough. */
  keepBefore(position: number, sides: Sides, pair: number): void {
    if (position < BEFORE_KEPT_FROM) return;
    const at = (this.start + position) * PAIR_FIELDS;
    let befores = this.befores;
    if (befores === undefined || at + PAIR_FIELDS > befores.length) befores = this.roomForBefores(at + PAIR_FIELDS);
    sides.savePair(pair, befores, at);
  }

  /** The row at `position` keeps its before: a replay can start there. */
  keepsBefore(position: number): boolean {
    return position >= BEFORE_KEPT_FROM;
  }

  /** The sides' `pair` becomes what the row at `position` (one that keepsBefore) was last read from. */
  restoreBefore(position: number, sides: Sides, pair: number): void {
    sides.loadPair(this.befores!, (this.start + position) * PAIR_FIELDS, pair);
  }

  /** The `count` oldest rows leave. */
  dropFirst(count: number): void {
    const rows = this.rows;
    const start = this.start + count;
    if (start < rows.length - start) {
      this.start = start;
      return;
    }
    this.befores?.copyWithin(0, start * PAIR_FIELDS, rows.length * PAIR_FIELDS);
    for (let i = start; i < rows.length; i++) rows[i - start] = rows[i]!;
    truncate(rows, rows.length - start);
    this.start = 0;
  }

  /** Every row leaves, and the arrays give their store back. */
  release(): void {
    this.rows.length = 0;
    this.befores = undefined;
    this.start = 0;
  }

  /** The befores with room for `length` numbers, twice as many as before when they grow. */
  private roomForBefores(length: number): Float64Array {
    const old = this.befores;
    const befores = new Float64Array(Math.max(length, 2 * (old?.length ?? 0)));
    if (old !== undefined) befores.set(old);
    this.befores = befores;
    return befores;
  }
}
