import { TcpFlag } from "../../decode/segment.js";
import type { Role } from "../../track/states.js";
import type { TrackedSegment } from "../../track/tracked-segment.js";
import type { KeepaliveTimeout } from "./finding.js";
import { roundToMicros } from "../../capture/timestamp.js";

/** Keep-alive probes one endpoint sent that its peer has not answered yet. */
export interface Probing {
  prober: Role;
  probes: number;
  firstFrame: number;
  firstTime: number;
  lastTime: number;
  /** Seconds of silence on the connection before the first probe. */
  idle: number;
}

/** The probing still unanswered after a segment, and the finding if it ended in a RST. */
interface KeepaliveFollowed {
  probing: Probing | undefined;
  finding?: KeepaliveTimeout;
}

/** What nearly every segment leaves: no probing (frozen, shared: this runs for every segment). */
const NOT_PROBING: KeepaliveFollowed = Object.freeze({ probing: undefined });

/**
 * keepalive-timeout (docs/findings.md): an endpoint sends keep-alive probes (Wireshark's
 * tcp.analysis.keep_alive, packet-tcp.c) that its peer never answers, then resets the connection:
 * it declared the peer dead (RFC 9293 §3.8.4; RFC 1122 §4.2.3.6).
 * Returns the probing still unanswered after this segment, and the finding if it ended in a RST.
 */
export function followKeepalive(
  tracked: TrackedSegment,
  probing: Probing | undefined,
  previousTime: number,
  time: number,
  minProbes: number,
): KeepaliveFollowed {
  const { from, segment, connection } = tracked;
  if (probing !== undefined && from !== probing.prober) return NOT_PROBING; // answered
  if (tracked.analysis.includes("keep_alive")) {
    if (probing === undefined)
      return {
        probing: {
          prober: from,
          probes: 1,
          firstFrame: segment.frame,
          firstTime: time,
          lastTime: time,
          idle: time - previousTime,
        },
      };
    return { probing: { ...probing, probes: probing.probes + 1, lastTime: time } };
  }
  if (probing === undefined || (segment.flags & TcpFlag.RST) === 0 || probing.probes < minProbes) return NOT_PROBING;
  const prober = connection.endpoint(probing.prober);
  return {
    probing: undefined,
    finding: {
      kind: "keepalive-timeout",
      stream: connection.stream,
      prober: prober.label,
      peer: connection.peer(prober).label,
      firstFrame: probing.firstFrame,
      lastFrame: segment.frame,
      start: roundToMicros(probing.firstTime),
      end: roundToMicros(time),
      probes: probing.probes,
      idleSeconds: roundToMicros(probing.idle),
      intervalSeconds:
        probing.probes > 1 ? roundToMicros((probing.lastTime - probing.firstTime) / (probing.probes - 1)) : null,
      resetAfterSeconds: roundToMicros(time - probing.lastTime),
    },
  };
}
