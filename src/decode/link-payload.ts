import type { Stop } from "./decoded.js";
import type { SegmentProblem } from "./segment.js";

/** What a link header, a VLAN tag or a tunnel header says about the bytes after it. */
export interface LinkPayload {
  /**
   * What comes next, as an ethertype: links and tunnels that number their payload otherwise (PPP,
   * loopback, ARCNET, IP protocols) translate theirs. Headers that no ethertype names (VXLAN,
   * Geneve, a pseudowire control word) have keys above 0xffff (see next-protocol.ts).
   */
  etherType: number;
  /** Where that header starts. */
  offset: number;
  /**
   * Where the packet's bytes end for it: the frame's length on the wire, narrowed by the length
   * fields of the headers around it (IP, UDP, PPPoE) and less a trailing checksum the link names.
   */
  end: number;
}

/**
 * A link-layer decoder: the frame's bytes and its length on the wire (see room.ts). The common
 * link types' decoders write what they find into `into` when given (the frame decoder's own,
 * refilled for every frame: linkPayload), so that a frame's link header makes no object.
 */
export type LinkDecoder = (bytes: Uint8Array, end: number, into?: LinkPayload) => LinkPayload | Stop;

/** A link header's payload: written into `into` when there is one (see LinkDecoder), else a new object. */
export function linkPayload(
  into: LinkPayload | undefined,
  etherType: number,
  offset: number,
  end: number,
): LinkPayload {
  if (into === undefined) return { etherType, offset, end };
  into.etherType = etherType;
  into.offset = offset;
  into.end = end;
  return into;
}

/** A header found by the one before it: the bytes, where it starts, where the packet ends for it; notes go to `problems`. */
export type InnerDecoder = (
  bytes: Uint8Array,
  offset: number,
  end: number,
  problems: SegmentProblem[],
) => LinkPayload | Stop;
