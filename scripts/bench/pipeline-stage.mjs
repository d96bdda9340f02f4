// The pipeline in process up to one stage, every result dropped: how much each layer costs.
//   read      the CaptureReader handing each record to a sink that does nothing
//   decode    ... and one FrameDecoder decoding each, as the annotator does
//   track     the Annotator without explanations (decode, track, ordered output), no-op handler:
//             what a summary needs
//   annotate  the Annotator (decode, track, explain, ordered output), no-op handler
//   ndjson    ... and each event rendered as NDJSON into a byte buffer, the bytes dropped (no output cost)
//   text      ... and each event rendered as the text timeline, the bytes dropped
//
//   node scripts/bench/pipeline-stage.mjs read|decode|track|annotate|ndjson|text CAPTURE...

import { Annotator, FrameDecoder, readCaptures } from "../../dist/index.js";
import { NdjsonTimeline } from "../../dist/render/ndjson/ndjson-timeline.js";
import { TextTimeline } from "../../dist/render/text/text-timeline.js";
import { ByteWriter } from "../../dist/render/shared/byte-writer.js";

/**
 * An annotator whose events the view renders; the bytes are counted so that nothing is optimized away.
 * @param {import("../../dist/render/shared/timeline.js").TimelineView} view
 */
function rendering(view) {
  let characters = 0;
  const out = new ByteWriter((chunk, release) => {
    characters += chunk.length;
    release?.();
  });
  const annotator = new Annotator({ event: (event) => view.event(event, out) });
  /** @type {import("../../dist/index.js").CaptureSink & {finish(): object}} */
  const sink = {
    frame: (frame) => annotator.frame(frame),
    warning: (warning) => annotator.warning(warning),
    finish: () => {
      const totals = annotator.finish();
      out.flush();
      return { ...totals, characters };
    },
  };
  return sink;
}

/** @type {Record<string, () => import("../../dist/index.js").CaptureSink & {finish?(): object}>} */
const SINKS = {
  read: () => ({ frame() {}, warning() {} }),
  decode: () => {
    const decoder = new FrameDecoder();
    return { frame: (frame) => void decoder.decode(frame), warning() {} };
  },
  track: () => new Annotator({ event: () => {} }, { explain: false }),
  annotate: () => new Annotator({ event: () => {} }),
  ndjson: () => rendering(new NdjsonTimeline("en")),
  text: () => rendering(new TextTimeline({ language: "en", color: false, absolute: false })),
};

const [stage, ...inputs] = process.argv.slice(2);
const makeSink = stage === undefined ? undefined : SINKS[stage];
if (makeSink === undefined || inputs.length === 0)
  throw new Error(`usage: pipeline-stage.mjs ${Object.keys(SINKS).join("|")} CAPTURE...`);
const sink = makeSink();
const infos = await readCaptures(inputs, sink);
process.stdout.write(`${JSON.stringify({ stage, files: infos.length, totals: sink.finish?.() })}\n`);
