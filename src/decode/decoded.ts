import type { LayerName } from "./layer-name.js";
import type { Segment } from "./segment.js";

/** Stable ids for frames that are fine but carry no TCP segment this tool can read. */
export type SkipReason =
  | "unsupported-link-type"
  | "not-ip"
  | "not-tcp"
  | "ip-fragment"
  | "esp"
  | "no-next-header"
  | "encrypted"
  | "link-fragment"
  | "aggregated"
  | "nesting-limit";

export interface Skipped {
  kind: "skipped";
  reason: SkipReason;
  /** Plain words with the numbers involved, e.g. "ethertype 0x0806 (ARP) at byte 12". */
  detail: string;
}

/**
 * A frame that could not be decoded to the end. Truncated: the snap length cut the bytes that
 * were needed (the packet itself may be fine). Malformed: the packet's own lengths or fields
 * contradict each other or the protocol.
 */
export interface Damaged {
  kind: "damaged";
  problem: "truncated" | "malformed";
  /** The layer whose header is damaged. */
  layer: LayerName;
  /** Byte offset within the frame of the damaged header (or field, for option data). */
  offset: number;
  message: string;
  /** The layers decoded before the damage, outermost first. */
  layers: LayerName[];
}

export type Decoded = { kind: "tcp"; segment: Segment } | Skipped | Damaged;

/** A layer's damage before the driver adds the layers decoded so far. */
export type LayerDamage = Omit<Damaged, "layers">;

/** What a layer decoder returns instead of its header when decoding cannot go on. */
export type Stop = Skipped | LayerDamage;

/** Layer headers carry no `kind`: that is how a result is told from a Stop. */
export function isStop<T extends object>(result: T | Stop): result is Stop {
  return "kind" in result;
}

export function skipped(reason: SkipReason, detail: string): Skipped {
  return { kind: "skipped", reason, detail };
}

export function truncated(layer: LayerName, offset: number, message: string): LayerDamage {
  return { kind: "damaged", problem: "truncated", layer, offset, message };
}

export function malformed(layer: LayerName, offset: number, message: string): LayerDamage {
  return { kind: "damaged", problem: "malformed", layer, offset, message };
}
