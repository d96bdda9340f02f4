import { constants } from "node:os";
import type { CaptureError } from "../capture/errors.js";
import type { WarningEvent } from "../annotate/events.js";
import { terminalSafe } from "../render/shared/terminal-safe.js";

/**
 * Exit codes: 0 fine; 1 a check failed; 2 the input (or the rules) could not be read; 3 a fault of
 * this program. Stopped by a signal (see exitCodeOfSignal): 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP.
 */
export const EXIT = { ok: 0, failed: 1, unreadable: 2, internal: 3 } as const;

/** 128 + the signal's number, as shells report a command a signal ended: SIGINT 130, SIGTERM 143, SIGHUP 129. */
export function exitCodeOfSignal(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/** "file: frame 7, byte 1234: message", leaving out what is not known. */
function place(file: string | undefined, frame: number | undefined, offset: number | undefined): string {
  const where = [
    frame === undefined ? undefined : `frame ${frame}`,
    offset === undefined ? undefined : `byte ${offset}`,
  ];
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
