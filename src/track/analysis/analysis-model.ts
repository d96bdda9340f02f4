import type { Connection } from "../connection.js";
import type { ConnectionModel, Placement } from "../connection-model.js";
import type { PlacedSegment } from "../tracked-segment.js";
import { AnalysisScratch, ConnectionAnalysis } from "./connection-analysis.js";

/**
 * Wireshark's sequence analysis (tcp.analysis.*) as a model of every connection: its findings and
 * numbers go into each segment, its findings are counted in the connection. It owns the scratch
 * that all its connections' analyses share (AnalysisScratch: a tracker reads one segment at a time).
 */
export class AnalysisModel implements ConnectionModel {
  private readonly scratch = new AnalysisScratch();

  opened(connection: Connection): void {
    connection.analysis = new ConnectionAnalysis();
  }

  read(tracked: PlacedSegment, placement: Placement): void {
    const connection = tracked.connection;
    this.describe(tracked, placement);
    const outcome = connection.analysis!.analyze(this.scratch);
    connection.countFindings(outcome.analysis);
    tracked.analyzed(outcome);
  }

  retired(connection: Connection): void {
    connection.analysis!.release(this.scratch);
  }

  /** Tell the analysis what the tracker knows of the segment besides its header. */
  private describe(tracked: PlacedSegment, placement: Placement): void {
    const input = this.scratch.input;
    const sender = tracked.connection.endpoint(tracked.from);
    input.segment = tracked.segment;
    input.from = tracked.from;
    input.reusedPorts = placement.reusedPorts;
    input.repeatedSyn = placement.repeatedSyn;
    input.senderBase = sender.baseSeq;
    input.receiverBase = tracked.connection.peer(sender).baseSeq;
  }
}
