import type { AnnotationEvent } from "./events.js";

/**
 * A reader that writes the events out as bytes (the timelines), given to the annotator
 * (AnnotatorOptions.bytes) so that what its lookahead holds is kept as bytes rather than objects:
 * each event is handed to `ahead` when it is pushed, in capture order, and whatever of its output
 * is final then is written at once into bytes the reader keeps; the output queue keeps only their
 * end, and `release` writes them out when their turn comes. An event whose output is not all
 * written then (a segment still waiting for its evidence or its step count) is held as an object,
 * and goes to the handlers' `event` at its turn, after the bytes written before it, for the rest.
 */
export interface EventBytes {
  /**
   * Write what of the event's output is known now, before the events held ahead of it are
   * written: `final` when nothing can change the event any more. True when that is all of it
   * (an event not final is held for its turn all the same).
   */
  ahead(event: AnnotationEvent, final: boolean): boolean;
  /** The position after the last byte written ahead (counted from the first). */
  readonly end: number;
  /** Write out the bytes written ahead before `position` (an earlier `end`) not written out yet. */
  release(position: number): void;
}
