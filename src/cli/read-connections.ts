import { Annotator } from "../annotate/annotator.js";
import type { AnnotationTotals } from "../annotate/events.js";
import { selects, type ConnectionSelector } from "../annotate/select.js";
import type { CaptureInfo } from "../capture/info.js";
import type { ConnectionEvent } from "../render/diagram/ladder-model.js";
import type { Connection } from "../track/connection.js";
import { formatWarning } from "./problems.js";
import { readInputs, type ReadOptions, type ReadResult } from "./read-inputs.js";

/** A selected connection with all its events, for a picture that needs the whole connection at once. */
export interface BufferedConnection {
  connection: Connection;
  events: ConnectionEvent[];
}

/** What was read (everything before an error or Ctrl-C), and how reading ended. */
export interface ReadConnections extends ReadResult {
  captures: Array<{ file: string; info: CaptureInfo }>;
  /** The selected connections, in stream order. */
  connections: BufferedConnection[];
  totals: AnnotationTotals;
}

/**
 * Reads the captures like the annotate command, but keeps every event of each selected connection
 * (pictures are drawn once a connection is complete). Warnings go to stderr as they come.
 */
export async function readConnections(
  inputs: readonly string[],
  selector: ConnectionSelector,
  mslSeconds: number,
  options: ReadOptions,
): Promise<ReadConnections> {
  const buffered = new Map<Connection, ConnectionEvent[]>();
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind === "warning") {
          process.stderr.write(formatWarning(event) + "\n");
          return;
        }
        const connection = event.kind === "segment" ? event.tracked.connection : event.expiry.connection;
        if (!selects(selector, connection)) return;
        const events = buffered.get(connection) ?? [];
        if (events.length === 0) buffered.set(connection, events);
        events.push(event);
      },
    },
    { mslSeconds },
  );
  const captures: ReadConnections["captures"] = [];
  const result = await readInputs(inputs, annotator, { capture: (file, info) => captures.push({ file, info }), idle: () => annotator.flush() }, options);
  const totals = annotator.finish();
  const connections = annotator.connections.flatMap((connection) => {
    const events = buffered.get(connection);
    return events === undefined ? [] : [{ connection, events }];
  });
  return { captures, connections, totals, ...result };
}
