import { readCapture } from "../../src/capture/index.js";
import { Annotator } from "../../src/annotate/annotator.js";
import type { AnnotatedSegment, AnnotationEvent, AnnotationTotals } from "../../src/annotate/events.js";
import type { Connection } from "../../src/track/connection.js";

export interface AnnotatedFile {
  events: AnnotationEvent[];
  segments: AnnotatedSegment[];
  connections: readonly Connection[];
  totals: AnnotationTotals;
}

/** Runs the whole pipeline on a capture file, in process, and keeps every event. */
export async function annotateFile(path: string, mslSeconds?: number): Promise<AnnotatedFile> {
  const events: AnnotationEvent[] = [];
  const annotator = new Annotator(
    { event: (event) => events.push(event) },
    mslSeconds === undefined ? {} : { tracker: { mslSeconds } },
  );
  await readCapture(path, annotator);
  const totals = annotator.finish();
  const segments = events.filter((event): event is AnnotatedSegment => event.kind === "segment");
  return { events, segments, connections: annotator.connections, totals };
}
