/**
 * tcp-annotate as a library: read a capture, get every TCP segment with Wireshark's numbers, both
 * endpoints' RFC 9293 states and an explanation, and the connections' outcomes.
 *
 *   import { annotationsOf, formatMessage } from "tcp-annotate";
 *   for await (const event of annotationsOf("trace.pcap")) {
 *     if (event.kind === "segment") console.log(event.tracked.seq, event.tracked.states);
 *   }
 */
export { annotateCapture, annotationsOf, type AnnotatedCapture } from "./annotate/annotate-capture.js";
export { Annotator, type AnnotatorOptions } from "./annotate/annotator.js";
export type { EventBytes } from "./annotate/event-bytes.js";
export type {
  AnnotatedSegment,
  AnnotationEvent,
  AnnotationHandlers,
  AnnotationTotals,
  TimerEvent,
  WarningEvent,
} from "./annotate/events.js";
export { selects, type ConnectionSelector } from "./annotate/select.js";
export { CaptureError, CaptureReader, readCapture, readCaptures } from "./capture/index.js";
export type { CaptureInfo, CaptureInput, CaptureSink, CaptureWarning, Frame } from "./capture/index.js";
export { decodeFrame, FrameDecoder } from "./decode/decode.js";
export type { Decoded } from "./decode/decoded.js";
export { flagNames, tcpdumpFlags } from "./decode/flag-names.js";
export { TcpFlag, type Segment, type TcpOptions } from "./decode/segment.js";
export { udpTunnels, type TunnelPorts, type UdpTunnels } from "./decode/udp.js";
export { LANGUAGES, type Language } from "./explain/catalog/index.js";
export type { Explanation } from "./explain/explainer.js";
export { formatMessage } from "./explain/format.js";
export type { Message } from "./explain/message.js";
export type { Step } from "./explain/step.js";
export { FOLDING, foldLadder, RowFolder } from "./render/diagram/fold.js";
export { HtmlReportWriter, renderHtmlReport, type ReportModel } from "./render/report/html-report.js";
export { renderLadder, type LadderOptions } from "./render/diagram/ladder.js";
export {
  LadderBuilder,
  ladderOf,
  type ConnectionEvent,
  type Ladder,
  type LadderRow,
} from "./render/diagram/ladder-model.js";
export { mermaidMarkdown, mermaidSection, mermaidSequence } from "./render/diagram/mermaid.js";
export type { AnalysisDetails } from "./track/analysis/details.js";
export type { AnalysisFlag } from "./track/analysis/flags.js";
export type { Connection } from "./track/connection.js";
export type { Endpoint } from "./track/endpoint.js";
export { RetiredStream } from "./track/retired-stream.js";
export { TCP_STATES, type Role, type TcpState } from "./track/states.js";
export { summarize, type ConnectionSummary } from "./track/summary.js";
export type { TrackedSegment } from "./track/tracked-segment.js";
export { Tracker, type TrackerOptions } from "./track/tracker.js";
export type { StateChange, TransitionCause } from "./track/transition.js";
