import { join } from "node:path";
import { Annotator } from "../../src/annotate/annotator.js";
import type { AnnotationTotals } from "../../src/annotate/events.js";
import { readCapture } from "../../src/capture/index.js";
import type { CaptureInfo } from "../../src/capture/info.js";
import { foldLadder } from "../../src/render/diagram/fold.js";
import { ladderOf, type ConnectionEvent, type Ladder } from "../../src/render/diagram/ladder-model.js";
import type { Connection } from "../../src/track/connection.js";
import { FIXTURES } from "./fixtures.js";

export interface LadderRequest {
  /** Path under fixtures/. */
  capture: string;
  streams?: readonly number[];
  mslSeconds?: number;
  /** Draw every segment (the picture commands' --full). */
  full?: boolean;
}

export interface Pictures {
  info: CaptureInfo;
  totals: AnnotationTotals;
  /** The chosen connections in stream order, each with its ladder as the picture commands draw it. */
  connections: Array<{ connection: Connection; ladder: Ladder }>;
}

/** Runs the pipeline on a fixture in process and builds the ladders of its connections. */
export async function picturesOf(request: LadderRequest): Promise<Pictures> {
  const byConnection = new Map<Connection, ConnectionEvent[]>();
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind === "warning" || event.kind === "revision") return;
        const connection = event.kind === "segment" ? event.tracked.connection : event.expiry.connection;
        byConnection.set(connection, [...(byConnection.get(connection) ?? []), event]);
      },
    },
    request.mslSeconds === undefined ? {} : { tracker: { mslSeconds: request.mslSeconds } },
  );
  const info = await readCapture(join(FIXTURES, request.capture), annotator);
  const totals = annotator.finish();
  const connections = annotator.connections
    .filter((connection) => request.streams === undefined || request.streams.includes(connection.stream))
    .map((connection) => {
      const ladder = ladderOf(connection, byConnection.get(connection) ?? []);
      return { connection, ladder: request.full ? ladder : foldLadder(ladder) };
    });
  return { info, totals, connections };
}

export async function laddersOf(request: LadderRequest): Promise<Ladder[]> {
  return (await picturesOf(request)).connections.map((picture) => picture.ladder);
}
