import type { Segment } from "../decode/segment.js";

/** The two ends of a connection as one of its segments names them. */
export type FlowEnds = Pick<Segment, "src" | "dst" | "srcPort" | "dstPort">;

/** Slots in a new table by default. */
const INITIAL_CAPACITY = 1024;

/**
 * Values by the two address:port ends of a connection, found the same way from either direction
 * (gopacket's FastHash idea: a hash that is the same both ways). One open-addressing table with
 * linear probing over typed arrays: a lookup hashes the two address texts and ports once and
 * reads one run of slots, where nested Maps took a probe per level. Each slot keeps its ends
 * (the address texts the decoder already made, and both ports packed in one integer), so a hit
 * is confirmed by comparing ports, then addresses. Removal shifts the run back (Knuth's
 * Algorithm R), so no tombstones pile up however many connections come and go. Kept at most
 * half full: runs stay short.
 */
export class FlowMap<T extends object> {
  private capacity: number;
  private hashes: Int32Array;
  /** The first end's port in the high 16 bits, the second's in the low. */
  private ports: Int32Array;
  private firstAddresses: string[];
  private secondAddresses: string[];
  /** undefined marks an empty slot. */
  private values: (T | undefined)[];
  private entries = 0;

  /** @param capacity slots to start with: a power of two, as the probe wraps by masking (it doubles when half full). */
  constructor(capacity = INITIAL_CAPACITY) {
    this.capacity = capacity;
    this.hashes = new Int32Array(capacity);
    this.ports = new Int32Array(capacity);
    this.firstAddresses = new Array<string>(capacity).fill("");
    this.secondAddresses = new Array<string>(capacity).fill("");
    this.values = new Array<T | undefined>(capacity).fill(undefined);
  }

  get(ends: FlowEnds): T | undefined {
    const slot = this.find(ends, flowHash(ends));
    return slot < 0 ? undefined : this.values[slot];
  }

  set(ends: FlowEnds, value: T): void {
    const hash = flowHash(ends);
    const slot = this.find(ends, hash);
    if (slot >= 0) {
      this.values[slot] = value;
      return;
    }
    if (2 * (this.entries + 1) > this.capacity) this.grow();
    this.place(hash, (ends.srcPort << 16) | ends.dstPort, ends.src, ends.dst, value);
    this.entries++;
  }

  /** Forget the value for these ends; the run after its slot moves back so that every entry stays reachable. */
  delete(ends: FlowEnds): void {
    let hole = this.find(ends, flowHash(ends));
    if (hole < 0) return;
    this.entries--;
    const mask = this.capacity - 1;
    for (let slot = (hole + 1) & mask; this.values[slot] !== undefined; slot = (slot + 1) & mask) {
      const home = this.hashes[slot]! & mask;
      // The entry stays when its home lies cyclically in (hole, slot]: its probe never passed the hole.
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (stays) continue;
      this.move(slot, hole);
      hole = slot;
    }
    this.values[hole] = undefined;
    this.firstAddresses[hole] = "";
    this.secondAddresses[hole] = "";
  }

  get size(): number {
    return this.entries;
  }

  /** The slot holding these ends, or -1. */
  private find(ends: FlowEnds, hash: number): number {
    const { src, dst, srcPort, dstPort } = ends;
    const forward = (srcPort << 16) | dstPort;
    const backward = (dstPort << 16) | srcPort;
    const mask = this.capacity - 1;
    for (let slot = hash & mask; this.values[slot] !== undefined; slot = (slot + 1) & mask) {
      if (this.hashes[slot] !== hash) continue;
      const ports = this.ports[slot];
      const first = this.firstAddresses[slot];
      const second = this.secondAddresses[slot];
      if (ports === forward && first === src && second === dst) return slot;
      if (ports === backward && first === dst && second === src) return slot;
    }
    return -1;
  }

  /** Into the first empty slot of the hash's run. */
  private place(hash: number, ports: number, first: string, second: string, value: T): void {
    const mask = this.capacity - 1;
    let slot = hash & mask;
    while (this.values[slot] !== undefined) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.ports[slot] = ports;
    this.firstAddresses[slot] = first;
    this.secondAddresses[slot] = second;
    this.values[slot] = value;
  }

  private move(from: number, to: number): void {
    this.hashes[to] = this.hashes[from]!;
    this.ports[to] = this.ports[from]!;
    this.firstAddresses[to] = this.firstAddresses[from]!;
    this.secondAddresses[to] = this.secondAddresses[from]!;
    this.values[to] = this.values[from];
  }

  private grow(): void {
    const { hashes, ports, firstAddresses, secondAddresses, values } = this;
    const bigger = new FlowMap<T>(this.capacity * 2);
    this.capacity = bigger.capacity;
    this.hashes = bigger.hashes;
    this.ports = bigger.ports;
    this.firstAddresses = bigger.firstAddresses;
    this.secondAddresses = bigger.secondAddresses;
    this.values = bigger.values;
    for (let slot = 0; slot < values.length; slot++) {
      const value = values[slot];
      if (value !== undefined)
        this.place(hashes[slot]!, ports[slot]!, firstAddresses[slot]!, secondAddresses[slot]!, value);
    }
  }
}

/** The same from either direction: each end hashed alone, then the two added, which does not care for their order. */
export function flowHash(ends: FlowEnds): number {
  return finish((endHash(ends.src, ends.srcPort) + endHash(ends.dst, ends.dstPort)) | 0);
}

/** FNV-1a over the address text's characters, then the port. */
function endHash(address: string, port: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < address.length; i++) hash = Math.imul(hash ^ address.charCodeAt(i), 0x01000193);
  return Math.imul(hash ^ port, 0x01000193);
}

/** Murmur3's finalizer: spreads the sum's bits over the low ones the mask keeps. */
function finish(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
