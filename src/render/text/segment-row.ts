import { CATALOGS, type Language, type TextWords } from "../../explain/catalog/index.js";
import { TIME_COLUMNS, type TimeFormat } from "./time-column.js";
import { displayWidth } from "../shared/width.js";

/**
 * The columns of the timeline's segment line and their widths, chosen for the columns the output
 * may take. Widths hold what a cell usually holds (seq and ack up to 10 digits, the most 32 bits
 * give; a length up to 65535); a longer cell widens its column from that line on (see
 * SegmentColumns.fit), so the lines after it line up again.
 */
export interface SegmentColumns {
  /** 0: no frame column (the brief timeline on a narrow terminal leaves it out, as tcpdump shows none). */
  frame: number;
  /** 0: no time column (--time none). */
  time: number;
  direction: number;
  flags: number;
  seq: number;
  ack: number;
  length: number;
  /** A state name and one mark after it: ESTABLISHED is the longest. */
  state: number;
  /** Whether the step ends the line; else it leads the segment's explanation (a narrow terminal). */
  step: boolean;
  /**
   * The states and the step on a second line, under the first's (when one line cannot hold them
   * all: a long time format on a narrow terminal).
   */
  split: boolean;
}

export const STATE_COLUMNS = "ESTABLISHED".length + 1;
const FRAME_COLUMNS = 7;
/** The second line of a split segment line, and the explanations, start past the frame column. */
export const INDENT_COLUMNS = FRAME_COLUMNS + 1;
const FLAG_COLUMNS = 6;
const LENGTH_COLUMNS = 5;
/** seq and ack: a 32-bit number's 10 digits when there is room, down to this on a narrow terminal. */
const NUMBER_COLUMNS = { most: 10, least: 6 } as const;

export interface RowRequest {
  language: Language;
  time: TimeFormat;
  /** Columns the output may take; undefined: no limit (not a terminal). */
  columns: number | undefined;
  /** The brief timeline: its line is all there is, so the step stays on it. */
  brief: boolean;
}

/**
 * The widest layout that fits `columns`: seq and ack narrowed first, then the step (or, brief, the
 * frame) moved off the line, then the states and the step moved to a second line.
 */
export function segmentColumns(request: RowRequest): SegmentColumns {
  const words = CATALOGS[request.language].words.text;
  const widest: SegmentColumns = {
    frame: FRAME_COLUMNS,
    time: request.time === "none" ? 0 : Math.max(TIME_COLUMNS[request.time], displayWidth(words.time)),
    direction: Math.max(displayWidth(words.towardServer), displayWidth(words.towardClient), displayWidth(words.dir)),
    flags: FLAG_COLUMNS,
    seq: NUMBER_COLUMNS.most,
    ack: NUMBER_COLUMNS.most,
    length: LENGTH_COLUMNS,
    state: Math.max(STATE_COLUMNS, displayWidth(words.client), displayWidth(words.server)),
    step: true,
    split: false,
  };
  const columns = request.columns;
  if (columns === undefined) return widest;
  const stepWidth = longestStep(words);
  const fitted = withNumbers(widest, columns, stepWidth);
  if (fitted !== undefined) return fitted;
  const shorter = request.brief ? { ...widest, frame: 0 } : { ...widest, step: false };
  return (
    withNumbers(shorter, columns, stepWidth) ??
    withNumbers({ ...widest, split: true }, columns, stepWidth) ?? {
      ...widest,
      split: true,
      seq: NUMBER_COLUMNS.least,
      ack: NUMBER_COLUMNS.least,
    }
  );
}

/** The layout with seq and ack as wide as `columns` allows, or undefined if even the narrowest does not fit. */
function withNumbers(layout: SegmentColumns, columns: number, stepWidth: number): SegmentColumns | undefined {
  for (let each = NUMBER_COLUMNS.most; each >= NUMBER_COLUMNS.least; each--) {
    const fitted = { ...layout, seq: each, ack: each };
    if (rowWidth(fitted, stepWidth) <= columns) return fitted;
  }
  return undefined;
}

/** Columns a line of this layout takes at most, one space between cells. */
export function rowWidth(layout: SegmentColumns, stepWidth: number): number {
  const first = [layout.frame, layout.time, layout.direction, layout.flags, layout.seq, layout.ack, layout.length];
  const second = [layout.state, layout.state, ...(layout.step ? [stepWidth] : [])];
  if (layout.split) return Math.max(cellsWidth(first), INDENT_COLUMNS + cellsWidth(second));
  return cellsWidth([...first, ...second]);
}

/** Cells of these widths, one space between; a width of 0 is a column left out. */
function cellsWidth(widths: readonly number[]): number {
  const shown = widths.filter((width) => width > 0);
  return shown.reduce((sum, width) => sum + width, 0) + shown.length - 1;
}

function longestStep(words: TextWords): number {
  return Math.max(displayWidth(`${words.handshake} 3/3`), displayWidth(`${words.teardown} 4/4`));
}
