import { hex, readU16 } from "./bytes.js";
import { decodeCiscoHdlc, startsCiscoHdlc } from "./cisco-hdlc.js";
import { type Stop, skipped } from "./decoded.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST } from "./ethertype.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** PPP protocol numbers (IANA "PPP DLL Protocol Numbers") this tool reads through, as ethertypes. */
const ETHERTYPE_BY_PPP_PROTOCOL: ReadonlyMap<number, number> = new Map([
  [0x0021, ETHERTYPE_IPV4],
  [0x0057, ETHERTYPE_IPV6],
  [0x0281, ETHERTYPE_MPLS],
  [0x0283, ETHERTYPE_MPLS_MULTICAST],
]);

/** Names of the PPP protocols met most often beside IP, for skip details. */
const PPP_PROTOCOL_NAMES: ReadonlyMap<number, string> = new Map([
  [0x002d, "Van Jacobson compressed TCP/IP, not decoded"],
  [0x002f, "Van Jacobson uncompressed TCP/IP, not decoded"],
  [0x8021, "IPCP"],
  [0x8057, "IPv6CP"],
  [0xc021, "LCP"],
  [0xc023, "PAP"],
  [0xc223, "CHAP"],
]);

/** RFC 1662 §3.1: the all-stations address and the unnumbered-information control field. */
const HDLC_ADDRESS = 0xff;
const HDLC_CONTROL = 0x03;

/**
 * PPP's protocol field (RFC 1661 §2): two bytes, or one when Protocol-Field-Compression was agreed
 * (§6.5), which an odd first byte shows. PPPoE carries it first (RFC 2516 §4).
 */
export function decodePpp(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const first = checkRoom(bytes, offset, 1, end, "ppp", "PPP protocol field");
  if (first !== undefined) return first;
  const compressed = (bytes[offset]! & 1) === 1;
  if (compressed) return byPppProtocol(bytes[offset]!, offset, offset + 1, end);
  const damage = checkRoom(bytes, offset, 2, end, "ppp", "PPP protocol field");
  if (damage !== undefined) return damage;
  return byPppProtocol(readU16(bytes, offset), offset, offset + 2, end);
}

/**
 * PPP in HDLC-like framing (RFC 1662 §3.1): the address and control bytes 0xff 0x03, which
 * Address-and-Control-Field-Compression leaves out (RFC 1661 §6.6), then the protocol field.
 * LINKTYPE_PPP (9) and LINKTYPE_PPP_HDLC (50) hold it, and PPTP's GRE (RFC 2637 §4.1).
 */
export function decodePppInHdlcFraming(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, 1, end, "ppp", "PPP header");
  if (damage !== undefined) return damage;
  if (bytes[offset] !== HDLC_ADDRESS) return decodePpp(bytes, offset, end);
  const control = checkRoom(bytes, offset, 2, end, "ppp", "PPP address and control fields");
  if (control !== undefined) return control;
  // Without the control byte, 0xff is taken for a (compressed, unknown) protocol number.
  return decodePpp(bytes, bytes[offset + 1] === HDLC_CONTROL ? offset + 2 : offset, end);
}

/** LINKTYPE_PPP (9) and LINKTYPE_PPP_HDLC (50); frames that start with a Cisco HDLC address are Cisco HDLC (cisco-hdlc.ts). */
export function decodePppLink(bytes: Uint8Array, end: number): LinkPayload | Stop {
  if (bytes.length > 0 && startsCiscoHdlc(bytes[0]!)) return decodeCiscoHdlc(bytes, 0, end);
  return decodePppInHdlcFraming(bytes, 0, end);
}

function byPppProtocol(protocol: number, at: number, offset: number, end: number): LinkPayload | Stop {
  const etherType = ETHERTYPE_BY_PPP_PROTOCOL.get(protocol);
  if (etherType !== undefined) return { etherType, offset, end };
  const name = PPP_PROTOCOL_NAMES.get(protocol);
  return skipped("not-ip", `PPP protocol ${hex(protocol, 4)}${name === undefined ? "" : ` (${name})`} at byte ${at}`);
}
