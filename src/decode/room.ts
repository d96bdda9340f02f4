import { byteCount } from "./bytes.js";
import { type LayerDamage, type LayerName, malformed, truncated } from "./decoded.js";

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
    return malformed(layer, offset, `${what} needs ${byteCount(count)} at byte ${offset}, but the packet has only ${end - offset} there`);
  }
  if (offset + count > bytes.length) {
    const held = bytes.length - offset;
    return truncated(layer, offset, `${what} needs ${byteCount(count)} at byte ${offset}, but the capture holds only ${held} there (cut by the snap length)`);
  }
  return undefined;
}
