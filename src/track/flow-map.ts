import type { Segment } from "../decode/segment.js";

/** The two ends of a connection as one of its segments names them. */
export type FlowEnds = Pick<Segment, "src" | "dst" | "srcPort" | "dstPort">;

/**
 * Values by the two address:port ends of a connection, found the same way from either direction
 * (gopacket's FastHash idea: the ends in a fixed order). No key is built: the lookup goes through
 * the lower end's address, the higher end's, then both ports packed in one small integer. The
 * decoder hands out one string per address (address.ts), whose hash V8 computes once, so each
 * level costs a hash-table probe, where a key string joined per segment had to be hashed anew.
 */
export class FlowMap<T> {
  private readonly byLowAddress = new Map<string, Map<string, Map<number, T>>>();
  private entries = 0;

  get(segment: FlowEnds): T | undefined {
    const ends = orderedEnds(segment);
    return this.byLowAddress.get(ends.low)?.get(ends.high)?.get(ends.ports);
  }

  set(segment: FlowEnds, value: T): void {
    const ends = orderedEnds(segment);
    let byHigh = this.byLowAddress.get(ends.low);
    if (byHigh === undefined) this.byLowAddress.set(ends.low, (byHigh = new Map()));
    let byPorts = byHigh.get(ends.high);
    if (byPorts === undefined) byHigh.set(ends.high, (byPorts = new Map()));
    if (!byPorts.has(ends.ports)) this.entries++;
    byPorts.set(ends.ports, value);
  }

  /** Forget the value for the segment's ends, and the address levels it leaves empty (a scan must not leave them behind). */
  delete(segment: FlowEnds): void {
    const ends = orderedEnds(segment);
    const byHigh = this.byLowAddress.get(ends.low);
    const byPorts = byHigh?.get(ends.high);
    if (byHigh === undefined || byPorts === undefined || !byPorts.delete(ends.ports)) return;
    this.entries--;
    if (byPorts.size > 0) return;
    byHigh.delete(ends.high);
    if (byHigh.size === 0) this.byLowAddress.delete(ends.low);
  }

  get size(): number {
    return this.entries;
  }
}

/** A connection's ends in a fixed order; one shared object, as a lookup never keeps it. */
const ends = { low: "", high: "", ports: 0 };

/** The lower address first (the lower port first on one address); ports as (first << 16) | second. */
function orderedEnds(segment: FlowEnds): typeof ends {
  const { src, dst, srcPort, dstPort } = segment;
  const sourceFirst = src === dst ? srcPort <= dstPort : src < dst;
  ends.low = sourceFirst ? src : dst;
  ends.high = sourceFirst ? dst : src;
  ends.ports = sourceFirst ? (srcPort << 16) | dstPort : (dstPort << 16) | srcPort;
  return ends;
}
