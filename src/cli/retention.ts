import type { TrackerOptions } from "../track/tracker.js";

/**
 * How the timelines and the pictures let connections go: as summary does, but later. A finished
 * connection is held for 2*MSL after its last segment, through its TIME_WAIT, whose expiry is
 * still shown, and past any straggler the network could still deliver. So memory follows the
 * connections of the last 2*MSL (at most the tracker's maxClosing finished ones at once, the one
 * held longest going first), not the length of the capture; what a command keeps of a let-go
 * connection for its end (the NDJSON record, the report's section) is its own.
 */
export function streamingRetention(mslSeconds: number): TrackerOptions {
  return { mslSeconds, keepConnections: false, closeDelaySeconds: 2 * mslSeconds };
}
