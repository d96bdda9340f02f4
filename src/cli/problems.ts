import type { CaptureError } from "../capture/errors.js";
import type { WarningEvent } from "../annotate/events.js";
import { terminalSafe } from "../render/terminal-safe.js";

/**
 * Exit codes: 0 fine; 1 a check failed; 2 the input (or the rules) could not be read; 3 a fault of
 * this program; 130 stopped by Ctrl-C (128 + SIGINT, as shells report a command it killed).
 */
export const EXIT = { ok: 0, failed: 1, unreadable: 2, internal: 3, interrupted: 130 } as const;

/** "file: frame 7, byte 1234: message", leaving out what is not known. */
function place(file: string | undefined, frame: number | undefined, offset: number | undefined): string {
  const where = [frame === undefined ? undefined : `frame ${frame}`, offset === undefined ? undefined : `byte ${offset}`];
  const at = where.filter((part) => part !== undefined).join(", ");
  return [file, at].filter((part) => part !== undefined && part !== "").join(": ");
}

export function formatCaptureError(error: CaptureError): string {
  return formatError(describeCaptureError(error));
}

/** "file: frame 7, byte 1234: message"; an input that could not be opened or read has no byte to point at. */
export function describeCaptureError(error: CaptureError): string {
  const where = place(error.file, error.frame, error.kind === "unreadable" ? undefined : error.offset);
  return `${where === "" ? "" : `${where}: `}${error.message}`;
}

export function formatWarning(warning: WarningEvent): string {
  const where = place(warning.file, warning.frame, warning.offset);
  return formatNotice(`${where === "" ? "" : `${where}: `}${warning.message}`);
}

/** A warning about the program's own circumstances (a temporary file), not about a capture. */
export function formatNotice(message: string): string {
  return `tcp-annotate: warning: ${terminalSafe(message)}`;
}

/** One line for stderr; messages quote file names and rules-file keys, so they are made safe. */
export function formatError(message: string): string {
  return `tcp-annotate: error: ${terminalSafe(message)}`;
}
