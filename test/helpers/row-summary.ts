import type { AnnotatedSegment } from "../../src/annotate/events.js";

/** A segment as the observer tests compare it: frame, both states, notes (with the frame each names) and the message keys of its text. */
export interface RowSummary {
  frame: number;
  states: string;
  notes: string[];
  text: string[];
}

export function rowSummaryOf({ tracked, explanation }: AnnotatedSegment): RowSummary {
  return {
    frame: tracked.segment.frame,
    states: `${tracked.states.client}/${tracked.states.server}`,
    notes: tracked.notes.map((note) => (note.frame === undefined ? note.id : `${note.id}@${note.frame}`)),
    text: explanation.messages.map((message) => message.key),
  };
}
