export { CaptureError, type CaptureProblemKind, type CaptureProblemPlace, type CaptureWarning } from "./errors.js";
export type { Frame } from "./frame.js";
export type { ByteOrder, CaptureFormat, CaptureInfo } from "./info.js";
export { CaptureReader, type CaptureReaderOptions } from "./reader.js";
export type { CaptureSink } from "./sink.js";
export {
  openCaptureFile,
  readCapture,
  readCaptures,
  startsAsGzip,
  type CaptureInput,
  type ReadCaptureOptions,
} from "./source.js";
export type { TimestampPrecision } from "./timestamp.js";
