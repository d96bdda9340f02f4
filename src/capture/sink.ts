import type { CaptureWarning } from "./errors.js";
import type { Frame } from "./frame.js";
import type { CaptureInfo } from "./info.js";

/**
 * Where a reader hands on what it reads, in stream order.
 *
 * frame() receives one Frame object that the reader reuses for every record, and its `data` is
 * a view into the reader's buffers: both are valid only during the call. A sink copies what it
 * keeps (e.g. `{ ...frame, data: frame.data.slice() }`). The bytes stay as they are until the
 * next frame is handed on (a decoded segment reads them until then), and no longer: readCapture
 * reads a file's next chunks into the buffers of the earlier ones.
 */
export interface CaptureSink {
  frame(frame: Frame): void;
  warning(warning: CaptureWarning): void;
  /** Called when the headers first describe the capture, and again whenever that description changes. */
  info?(info: CaptureInfo): void;
  /**
   * Called after each chunk read: a promise makes reading wait until it settles, for a sink whose
   * output is made faster than it can be written (a pipe to a slower reader), so that it is not
   * held in memory meanwhile. Undefined: reading goes on at once.
   */
  ready?(): Promise<void> | undefined;
}
