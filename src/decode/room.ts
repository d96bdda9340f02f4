import { byteCount } from "./bytes.js";
import { type LayerDamage, malformed, truncated } from "./decoded.js";
import type { LayerName } from "./layer-name.js";
import type { SegmentProblem } from "./segment.js";

/**
 * Checks that `count` bytes from `offset` are there, against two ends, as Wireshark's reported
 * and captured lengths do. `end` is where the packet says its bytes end: the frame's length on
 * the wire, narrowed by the IP length fields once they are known. Needing bytes past it means
 * the packet contradicts itself: malformed. Needing bytes that the packet has but the capture
 * lacks means the snap length cut them: truncated.
 */
export function checkRoom(
  bytes: Uint8Array,
  offset: number,
  count: number,
  end: number,
  layer: LayerName,
  what: string,
): LayerDamage | undefined {
  if (offset + count > end) {
    return malformed(
      layer,
      offset,
      `${what} needs ${byteCount(count)} at byte ${offset}, but the packet has only ${end - offset} there`,
    );
  }
  if (offset + count > bytes.length) {
    const held = bytes.length - offset;
    return truncated(
      layer,
      offset,
      `${what} needs ${byteCount(count)} at byte ${offset}, but the capture holds only ${held} there (cut by the snap length)`,
    );
  }
  return undefined;
}

/**
 * The end a tunnel's length field declares (UDP, PPPoE), bounded by the packet around it: past
 * it, the field is noted as wrong and the outer end used, as Wireshark goes on with the bytes it
 * has ("Bad length value" in packet-udp.c, "PPPoE payload length" in packet-pppoe.c).
 */
export function boundByEnclosing(
  declaredEnd: number,
  end: number,
  fieldOffset: number,
  field: string,
  problems: SegmentProblem[],
): number {
  if (declaredEnd <= end) return declaredEnd;
  problems.push({
    id: "encapsulation-length-past-end",
    offset: fieldOffset,
    message: `${field} at byte ${fieldOffset} puts the end at byte ${declaredEnd}, past the enclosing packet's end at byte ${end}; using that end`,
  });
  return end;
}
