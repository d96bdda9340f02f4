import type { CaptureError } from "../capture/errors.js";
import type { WarningEvent } from "../annotate/events.js";

/** Exit codes: 0 fine; 1 a check failed; 2 the input (or the rules) could not be read; 3 a fault of this program. */
export const EXIT = { ok: 0, failed: 1, unreadable: 2, internal: 3 } as const;

/** "file: frame 7, byte 1234: message", leaving out what is not known. */
function place(file: string | undefined, frame: number | undefined, offset: number | undefined): string {
  const where = [frame === undefined ? undefined : `frame ${frame}`, offset === undefined ? undefined : `byte ${offset}`];
  const at = where.filter((part) => part !== undefined).join(", ");
  return [file, at].filter((part) => part !== undefined && part !== "").join(": ");
}

export function formatCaptureError(error: CaptureError): string {
  const where = place(error.file, error.frame, error.offset);
  return `tcp-annotate: error: ${where === "" ? "" : `${where}: `}${error.message}`;
}

export function formatWarning(warning: WarningEvent): string {
  const where = place(warning.file, warning.frame, warning.offset);
  return `tcp-annotate: warning: ${where === "" ? "" : `${where}: `}${warning.message}`;
}
