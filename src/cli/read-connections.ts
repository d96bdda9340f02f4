import { Annotator } from "../annotate/annotator.js";
import type { AnnotationTotals } from "../annotate/events.js";
import { selects, type ConnectionSelector } from "../annotate/select.js";
import { StreamOrder } from "../annotate/stream-order.js";
import type { CaptureInfo } from "../capture/info.js";
import type { ConnectionEvent } from "../render/diagram/ladder-model.js";
import type { Connection } from "../track/connection.js";
import { formatWarning } from "./problems.js";
import { readInputs, type ReadOptions, type ReadResult } from "./read-inputs.js";
import { streamingRetention } from "./retention.js";

/** A selected connection with all its events, for a picture that needs the whole connection at once. */
export interface BufferedConnection {
  connection: Connection;
  events: ConnectionEvent[];
}

/** What was read (everything before an error or Ctrl-C), and how reading ended. */
export interface ReadConnections extends ReadResult {
  captures: Array<{ file: string; info: CaptureInfo }>;
  totals: AnnotationTotals;
}

/**
 * Reads the captures like the annotate command, keeping every event of each selected connection
 * until the connection is let go of (streamingRetention: nothing can change it any more), then
 * hands it to `draw`, in stream order (StreamOrder: as summary's rows), and forgets it. So memory
 * holds the events of the connections not yet drawn, not those of the whole capture. Warnings go
 * to stderr as they come.
 */
export async function readConnections(
  inputs: readonly string[],
  selector: ConnectionSelector,
  mslSeconds: number,
  options: ReadOptions,
  draw: (connection: BufferedConnection) => void,
): Promise<ReadConnections> {
  const buffered = new Map<Connection, ConnectionEvent[]>();
  const order = new StreamOrder<BufferedConnection>(draw);
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
      retired(connection) {
        const events = buffered.get(connection);
        buffered.delete(connection);
        order.add(connection.stream, events === undefined ? undefined : { connection, events });
      },
    },
    streamingRetention(mslSeconds),
  );
  const captures: ReadConnections["captures"] = [];
  const result = await readInputs(inputs, annotator, { capture: (file, info) => captures.push({ file, info }), idle: () => annotator.flush() }, options);
  const totals = annotator.finish();
  order.flush();
  return { captures, totals, ...result };
}
