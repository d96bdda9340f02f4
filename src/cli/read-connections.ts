import type { AnnotationTotals } from "../annotate/events.js";
import type { CaptureFindings } from "../annotate/findings/finding.js";
import { selects } from "../annotate/select.js";
import { StreamOrder } from "../annotate/stream-order.js";
import type { CaptureInfo } from "../capture/info.js";
import { RowFolder } from "../render/diagram/fold.js";
import { LadderBuilder, type Ladder } from "../render/diagram/ladder-model.js";
import type { Connection } from "../track/connection.js";
import { runPipeline } from "./pipeline.js";
import type { PictureOptions } from "./picture-options.js";
import type { ReadResult } from "./read-inputs.js";
import type { Selection } from "./selection.js";

/** A selected connection once it is done, with its ladder, for a picture of the whole connection. */
export interface DrawnConnection {
  connection: Connection;
  ladder: Ladder;
}

/** What was read (everything before an error or Ctrl-C), and how reading ended. */
export interface ReadConnections extends ReadResult {
  captures: Array<{ file: string; info: CaptureInfo }>;
  totals: AnnotationTotals;
  /** What the connections say together, with the default thresholds (docs/findings.md), when asked for. */
  findings: CaptureFindings | undefined;
}

/** How the picture command reads: its selection, and its output's pace when it draws while reading. */
export interface PictureReading {
  selection: Selection;
  /** Find what the connections say together (docs/findings.md), with the half-open queue's series for its chart. */
  findings?: boolean;
  /** Follow each connection as Zeek would, for a summary table's Zeek column (a ladder never shows it). */
  zeek?: boolean;
  /** The command writes each picture as its connection is done: no progress bar on that terminal. */
  outputWhileReading?: boolean;
  ready?: () => Promise<void> | undefined;
}

/**
 * Reads the captures like the annotate command, building the ladder of each selected connection as
 * its events come (folded as they come unless `full`: a long transfer is held as what its folded
 * ladder shows) until the connection is let go of (streaming: nothing can change it any more),
 * then hands it to `draw`, in stream order (StreamOrder: as summary's rows), and forgets it.
 * So memory holds the ladders of the connections not yet drawn, not the events of the whole
 * capture.
 */
export async function readConnections(
  captures: readonly string[],
  options: PictureOptions,
  { selection, findings = false, zeek = false, outputWhileReading = false, ready }: PictureReading,
  draw: (connection: DrawnConnection) => void,
): Promise<ReadConnections> {
  const building = new Map<Connection, LadderBuilder>();
  const order = new StreamOrder<DrawnConnection>(draw);
  const read: ReadConnections["captures"] = [];
  const run = await runPipeline(
    captures,
    options,
    {
      selection,
      annotator: findings ? { findings: {}, halfOpenSeries: true, zeek } : { zeek },
      streaming: true,
      outputWhileReading,
    },
    {
      event(event) {
        // A picture draws each segment as it was settled; what later evidence revised is in the timelines.
        if (event.kind === "revision") return;
        const connection = event.kind === "segment" ? event.tracked.connection : event.expiry.connection;
        if (!selects(selection.selector, connection)) return;
        let builder = building.get(connection);
        if (builder === undefined)
          building.set(connection, (builder = new LadderBuilder(options.full ? undefined : new RowFolder())));
        builder.add(event);
      },
      retired(connection) {
        const builder = building.get(connection);
        building.delete(connection);
        order.add(
          connection.stream,
          builder === undefined ? undefined : { connection, ladder: builder.ladder(connection) },
        );
      },
      capture: (file, info) => read.push({ file, info }),
      ready: () => ready?.(),
    },
  );
  order.flush();
  return { ...run, captures: read };
}
