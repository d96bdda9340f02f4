import type { AnnotationEvent } from "./events.js";

/**
 * A reader that writes the events out as bytes (the timelines), given to the annotator
 * (AnnotatorOptions.bytes) so that what its lookahead holds is kept as bytes rather than objects.
 * Each event is handed to `ahead` when it is pushed, in capture order, and whatever of its output
 * is known then is written at once into bytes the reader keeps; a segment still waiting for its
 * evidence or its step count is handed to `rest` once it is final, for the rest. The output queue
 * keeps only where each event's bytes lie, and `release` writes them out at the event's turn. An
 * event not all written by then is held as an object, and goes to the handlers' `event` at its
 * turn, after its bytes.
 */
export interface EventBytes {
  /**
   * Write what of the event's output is known now, before the events held ahead of it are
   * written: `final` when nothing can change the event any more. True when that is all of it
   * (an event not final is held for its turn all the same).
   */
  ahead(event: AnnotationEvent, final: boolean): boolean;
  /** The segment `ahead` did not write all of is final now, before its turn: write the rest; false when it is to wait for its turn. */
  rest(event: AnnotationEvent): boolean;
  /** The position after the last byte written (counted from the first). */
  readonly end: number;
  /** Write out the bytes between these positions (written, and not written out before). */
  release(from: number, to: number): void;
}
