import { hex, readU16 } from "./bytes.js";
import { type Stop, skipped } from "./decoded.js";
import type { LinkPayload } from "./link-payload.js";
import { checkRoom } from "./room.js";

/** IEEE 802.2: DSAP 1 byte, SSAP 1, control 1; with SNAP (RFC 1042), an OUI 3 and an ethertype 2. */
const SNAP_HEADER_LENGTH = 8;
const SNAP_SAP = 0xaa;
const UNNUMBERED_INFORMATION = 0x03;
/** RFC 1042's OUI 0, and 00-00-f8, IEEE 802.1H bridge tunnelling: both carry an ethertype. */
const ETHERTYPE_OUIS: ReadonlySet<number> = new Set([0x000000, 0x0000f8]);

/** LLC with a SNAP header (RFC 1042), how 802.11 carries IP; any other LLC frame carries none this tool reads. */
export function decodeLlc(bytes: Uint8Array, offset: number, end: number): LinkPayload | Stop {
  const damage = checkRoom(bytes, offset, 3, end, "llc", "LLC header");
  if (damage !== undefined) return damage;
  const dsap = bytes[offset]!;
  const ssap = bytes[offset + 1]!;
  if (dsap !== SNAP_SAP || ssap !== SNAP_SAP || bytes[offset + 2] !== UNNUMBERED_INFORMATION) {
    return skipped(
      "not-ip",
      `LLC frame at byte ${offset} with DSAP ${hex(dsap, 2)} and SSAP ${hex(ssap, 2)}, not SNAP`,
    );
  }
  const snap = checkRoom(bytes, offset, SNAP_HEADER_LENGTH, end, "llc", "SNAP header");
  if (snap !== undefined) return snap;
  const oui = (bytes[offset + 3]! << 16) | readU16(bytes, offset + 4);
  if (!ETHERTYPE_OUIS.has(oui))
    return skipped(
      "not-ip",
      `SNAP header at byte ${offset} with organization code ${hex(oui, 6)}, which names no ethertype`,
    );
  return { etherType: readU16(bytes, offset + 6), offset: offset + SNAP_HEADER_LENGTH, end };
}
