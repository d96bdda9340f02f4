import { readCapture, type CaptureInput } from "../capture/index.js";
import type { CaptureInfo } from "../capture/info.js";
import type { Connection } from "../track/connection.js";
import { Annotator, type AnnotatorOptions } from "./annotator.js";
import type { AnnotationEvent, AnnotationTotals } from "./events.js";

export interface AnnotatedCapture {
  info: CaptureInfo;
  totals: AnnotationTotals;
  /** Every connection, in stream order, as it stood at the end of the capture. */
  connections: readonly Connection[];
}

/**
 * Annotate a capture, calling `onEvent` for each segment, TIME_WAIT expiry and warning in
 * capture order (the streaming form: nothing is kept but the open connections).
 */
export async function annotateCapture(
  input: CaptureInput,
  onEvent: (event: AnnotationEvent) => void,
  options: AnnotatorOptions = {},
): Promise<AnnotatedCapture> {
  const annotator = new Annotator({ event: onEvent }, options);
  const info = await readCapture(input, annotator);
  const totals = annotator.finish();
  return { info, totals, connections: annotator.connections };
}

/**
 * The same as an async iterable: `for await (const event of annotationsOf("x.pcap")) ...`.
 * Events are produced as the capture is read and buffered only until the loop takes them.
 */
export async function* annotationsOf(
  input: CaptureInput,
  options: AnnotatorOptions = {},
): AsyncGenerator<AnnotationEvent, AnnotatedCapture> {
  const pending: AnnotationEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const done = annotateCapture(
    input,
    (event) => {
      pending.push(event);
      wake?.();
    },
    options,
  ).finally(() => {
    finished = true;
    wake?.();
  });
  while (!finished || pending.length > 0) {
    if (pending.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    yield* pending.splice(0);
  }
  return await done;
}
