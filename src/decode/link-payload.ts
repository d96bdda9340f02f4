import type { Stop } from "./decoded.js";

/** What a link header (or a VLAN tag) says about the bytes after it. */
export interface LinkPayload {
  /** The network protocol, as an ethertype (loopback and raw-IP links translate theirs). */
  etherType: number;
  /** Where the network-layer header starts. */
  offset: number;
}

/** A link-layer decoder: the frame's bytes and its length on the wire (see room.ts). */
export type LinkDecoder = (bytes: Uint8Array, end: number) => LinkPayload | Stop;
