import { Annotator, type AnnotatorOptions } from "../annotate/annotator.js";
import type { AnnotationEvent, AnnotationTotals, WarningEvent } from "../annotate/events.js";
import type { CaptureFindings } from "../annotate/findings/finding.js";
import type { CaptureInfo } from "../capture/info.js";
import type { Connection } from "../track/connection.js";
import type { TrackerOptions } from "../track/tracker.js";
import type { TrackedSegment } from "../track/tracked-segment.js";
import { tunnelPortsOf, type CommonOptions } from "./common-options.js";
import { formatWarning } from "./problems.js";
import { readInputs, type ReadResult } from "./read-inputs.js";
import { streamingRetention } from "./retention.js";
import type { Selection } from "./selection.js";

/** The events of a capture but its warnings: segments, TIME_WAIT expiries, revisions. */
export type TimelineEvent = Exclude<AnnotationEvent, WarningEvent>;

/** What a command makes of the capture as it is annotated; each stage is optional. */
export interface PipelineStages {
  /** Each segment, TIME_WAIT expiry and revision, in capture order. */
  event?(event: TimelineEvent): void;
  /** Each warning, for a command that writes them in its output (the NDJSON timeline); without, each is a line on stderr as it comes. */
  warning?: ((warning: WarningEvent) => void) | undefined;
  /**
   * Each segment as it is settled, with the annotator's explain "settled" (check's evidence):
   * handed to the annotator as it is, called for every segment, so called as a function, not a method.
   */
  settled?: ((tracked: TrackedSegment) => void) | undefined;
  /** A connection let go of (nothing changes it any more), and whether the command's selection chose it. */
  retired?(connection: Connection, chosen: boolean): void;
  /** A capture's headers were read, just before its first frame is annotated (or it had none). */
  capture?(file: string, info: CaptureInfo): void;
  /** After each chunk read: a promise holds reading back until the output has room (ReadHooks.ready). */
  ready?(): Promise<void> | undefined;
}

/** How a command asks the pipeline to read. */
export interface PipelineSettings {
  /** The connections the command's selectors choose, counted as each is let go of. */
  selection: Selection;
  /** What the command asks of the annotator (explanations, Zeek, findings); --msl and the tunnel ports come from the options. */
  annotator: Omit<AnnotatorOptions, "tracker" | "tunnelPorts">;
  /**
   * The command shows connections as they are read (the timelines, the pictures): a finished one
   * is held through its TIME_WAIT (streamingRetention), and what the annotator holds is emitted
   * whenever a live capture goes quiet. Else a finished connection is let go of after the close delay.
   */
  streaming?: boolean;
  /** The command writes its output while it reads: no progress bar when that goes to the terminal. */
  outputWhileReading?: boolean;
}

/** How reading ended (everything before an error or a signal was annotated), with what was read. */
export interface PipelineRun extends ReadResult {
  totals: AnnotationTotals;
  /** What the connections say together (undefined unless the annotator was asked for findings). */
  findings: CaptureFindings | undefined;
}

/**
 * Reads the captures through one annotator, as every command does: --msl, --strict, --quiet and
 * the tunnel ports from the options, every connection let go of once finished (memory follows the
 * open connections, not the capture), warnings on stderr, the annotator finished at the end. The
 * command says only what it makes of the events and connections; it then says the exit status
 * reading decided (readStatus) when its own output allows.
 */
export async function runPipeline(
  captures: readonly string[],
  options: CommonOptions,
  settings: PipelineSettings,
  stages: PipelineStages,
): Promise<PipelineRun> {
  const { selection } = settings;
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind !== "warning") stages.event?.(event);
        else if (stages.warning !== undefined) stages.warning(event);
        else process.stderr.write(formatWarning(event) + "\n");
      },
      ...(stages.settled === undefined ? {} : { settled: stages.settled }),
      retired: (connection) => stages.retired?.(connection, selection.choose(connection)),
    },
    {
      ...settings.annotator,
      tracker: trackingOf(options.msl, settings.streaming === true),
      tunnelPorts: tunnelPortsOf(options),
    },
  );
  const hooks = {
    capture: (file: string, info: CaptureInfo) => stages.capture?.(file, info),
    idle: () => {
      if (settings.streaming === true) annotator.flush();
    },
    ready: () => stages.ready?.(),
  };
  const result = await readInputs(captures, annotator, hooks, {
    strict: options.strict,
    quiet: options.quiet,
    outputWhileReading: settings.outputWhileReading === true,
  });
  const totals = annotator.finish();
  return { ...result, totals, findings: annotator.findings };
}

/** Streaming holds finished connections through TIME_WAIT; summary and check let them go after the close delay. */
function trackingOf(mslSeconds: number, streaming: boolean): TrackerOptions {
  return streaming ? streamingRetention(mslSeconds) : { mslSeconds, keepConnections: false };
}
