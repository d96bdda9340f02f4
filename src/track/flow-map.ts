import type { Segment } from "../decode/segment.js";
import { AddressIds } from "./address-ids.js";

/** The two ends of a connection as one of its segments names them. */
export type FlowEnds = Pick<Segment, "src" | "dst" | "srcPort" | "dstPort">;

/** Slots in a new table by default. */
const INITIAL_CAPACITY = 1024;
/** Per slot: the hash, both ports (the first end's in the high 16 bits), the first end's address id + 1 (0: an empty slot), the second's. */
const HASH = 0;
const PORTS = 1;
const FIRST = 2;
const SECOND = 3;
const SLOT_NUMBERS = 4;

/**
 * Values by the two address:port ends of a connection, found the same way from either direction
 * (gopacket's FastHash idea: a hash that is the same both ways). One open-addressing table with
 * linear probing over a typed array: a lookup turns the two address texts into small integer ids
 * (AddressIds: a Map probe each), hashes the ids and ports, and compares integers along one run
 * of slots, each slot's numbers side by side. Removal shifts the run back (Knuth's Algorithm R),
 * so no tombstones pile up however many connections come and go. Kept at most half full: runs
 * stay short. The ends last found and their slot are remembered: consecutive segments are often
 * of one connection (on a loopback capture, four in ten), whose next lookup then compares the
 * ends alone.
 */
export class FlowMap<T extends object> {
  private capacity: number;
  private numbers: Int32Array;
  private values: (T | undefined)[];
  private entries = 0;
  private readonly addresses: AddressIds;
  /** The ends last found (both ports as in a slot) and their slot; -1 when none is remembered. */
  private lastSource = "";
  private lastDestination = "";
  private lastPorts = 0;
  private lastSlot = -1;

  /** @param capacity slots to start with: a power of two, as the probe wraps by masking (it doubles when half full). */
  constructor(capacity = INITIAL_CAPACITY, addresses = new AddressIds()) {
    this.capacity = capacity;
    this.numbers = new Int32Array(SLOT_NUMBERS * capacity);
    this.values = new Array<T | undefined>(capacity).fill(undefined);
    this.addresses = addresses;
  }

  get(ends: FlowEnds): T | undefined {
    const slot = this.find(ends);
    return slot < 0 ? undefined : this.values[slot];
  }

  /**
   * Hold `value` for these ends; returns the ends' hash, which finds the value again without its
   * ends (replaceValue, deleteValue): letting a connection go then looks none of its addresses up.
   */
  set(ends: FlowEnds, value: T): number {
    const slot = this.find(ends);
    if (slot >= 0) {
      this.values[slot] = value;
      return this.numbers[SLOT_NUMBERS * slot + HASH]!;
    }
    if (2 * (this.entries + 1) > this.capacity) this.grow();
    const first = this.addresses.hold(ends.src);
    const second = this.addresses.hold(ends.dst);
    const hash = flowHash(first, ends.srcPort, second, ends.dstPort);
    this.place(hash, (ends.srcPort << 16) | ends.dstPort, first + 1, second + 1, value);
    this.entries++;
    return hash;
  }

  /** Put `value` in place of `expected`, found by the hash `set` gave for its ends; false (nothing changed) when it is not held. */
  replaceValue(hash: number, expected: T, value: T): boolean {
    const slot = this.slotOfValue(hash, expected);
    if (slot < 0) return false;
    this.values[slot] = value;
    return true;
  }

  /** Forget the value for these ends; the run after its slot moves back so that every entry stays reachable. */
  delete(ends: FlowEnds): void {
    const slot = this.find(ends);
    if (slot >= 0) this.deleteAt(slot);
  }

  /** delete `expected`, found by the hash `set` gave for its ends, if it is held. */
  deleteValue(hash: number, expected: T): void {
    const slot = this.slotOfValue(hash, expected);
    if (slot >= 0) this.deleteAt(slot);
  }

  private deleteAt(slot: number): void {
    let hole = slot;
    this.entries--;
    this.lastSlot = -1;
    const numbers = this.numbers;
    this.addresses.release(numbers[SLOT_NUMBERS * hole + FIRST]! - 1);
    this.addresses.release(numbers[SLOT_NUMBERS * hole + SECOND]! - 1);
    const mask = this.capacity - 1;
    for (let slot = (hole + 1) & mask; numbers[SLOT_NUMBERS * slot + FIRST] !== 0; slot = (slot + 1) & mask) {
      const home = numbers[SLOT_NUMBERS * slot + HASH]! & mask;
      // The entry stays when its home lies cyclically in (hole, slot]: its probe never passed the hole.
      const stays = hole <= slot ? hole < home && home <= slot : hole < home || home <= slot;
      if (stays) continue;
      numbers.copyWithin(SLOT_NUMBERS * hole, SLOT_NUMBERS * slot, SLOT_NUMBERS * slot + SLOT_NUMBERS);
      this.values[hole] = this.values[slot];
      hole = slot;
    }
    numbers.fill(0, SLOT_NUMBERS * hole, SLOT_NUMBERS * hole + SLOT_NUMBERS);
    this.values[hole] = undefined;
  }

  get size(): number {
    return this.entries;
  }

  /** Every value held, in no particular order. */
  allValues(): T[] {
    const all: T[] = [];
    for (const value of this.values) if (value !== undefined) all.push(value);
    return all;
  }

  /** The slot holding these ends, or -1 (at once when an address is one no entry uses). */
  private find(ends: FlowEnds): number {
    const { src, dst, srcPort, dstPort } = ends;
    const forward = (srcPort << 16) | dstPort;
    const backward = (dstPort << 16) | srcPort;
    if (this.lastSlot >= 0) {
      const ports = this.lastPorts;
      if (ports === forward && src === this.lastSource && dst === this.lastDestination) return this.lastSlot;
      if (ports === backward && dst === this.lastSource && src === this.lastDestination) return this.lastSlot;
    }
    const slot = this.probe(ends, forward, backward);
    if (slot >= 0) {
      this.lastSource = src;
      this.lastDestination = dst;
      this.lastPorts = forward;
      this.lastSlot = slot;
    }
    return slot;
  }

  /** find without the remembered ends: along the run of the ends' hash. */
  private probe(ends: FlowEnds, forward: number, backward: number): number {
    const { srcPort, dstPort } = ends;
    const source = this.addresses.idOf(ends.src);
    const destination = this.addresses.idOf(ends.dst);
    if (source === undefined || destination === undefined) return -1;
    const hash = flowHash(source, srcPort, destination, dstPort);
    const numbers = this.numbers;
    const mask = this.capacity - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = SLOT_NUMBERS * slot;
      const first = numbers[at + FIRST]! - 1;
      if (first < 0) return -1;
      if (numbers[at + HASH] !== hash) continue;
      const ports = numbers[at + PORTS];
      const second = numbers[at + SECOND]! - 1;
      if (ports === forward && first === source && second === destination) return slot;
      if (ports === backward && first === destination && second === source) return slot;
    }
  }

  /** The slot holding `value` along the hash's run, told by the value itself (no address is looked up), or -1. */
  private slotOfValue(hash: number, value: T): number {
    const numbers = this.numbers;
    const mask = this.capacity - 1;
    for (let slot = hash & mask; numbers[SLOT_NUMBERS * slot + FIRST] !== 0; slot = (slot + 1) & mask) {
      if (this.values[slot] === value) return slot;
    }
    return -1;
  }

  /** Into the first empty slot of the hash's run. */
  private place(hash: number, ports: number, first: number, second: number, value: T): void {
    const numbers = this.numbers;
    const mask = this.capacity - 1;
    let slot = hash & mask;
    while (numbers[SLOT_NUMBERS * slot + FIRST] !== 0) slot = (slot + 1) & mask;
    const at = SLOT_NUMBERS * slot;
    numbers[at + HASH] = hash;
    numbers[at + PORTS] = ports;
    numbers[at + FIRST] = first;
    numbers[at + SECOND] = second;
    this.values[slot] = value;
  }

  private grow(): void {
    const { numbers, values } = this;
    this.lastSlot = -1;
    const bigger = new FlowMap<T>(this.capacity * 2, this.addresses);
    this.capacity = bigger.capacity;
    this.numbers = bigger.numbers;
    this.values = bigger.values;
    for (let slot = 0; slot < values.length; slot++) {
      const at = SLOT_NUMBERS * slot;
      const value = values[slot];
      if (value !== undefined)
        this.place(numbers[at + HASH]!, numbers[at + PORTS]!, numbers[at + FIRST]!, numbers[at + SECOND]!, value);
    }
  }
}

/** The same from either direction: each end hashed alone, then the two added, which does not care for their order. */
export function flowHash(firstAddress: number, firstPort: number, secondAddress: number, secondPort: number): number {
  return finish((endHash(firstAddress, firstPort) + endHash(secondAddress, secondPort)) | 0);
}

/** An end's address id and port, multiplied apart (Fibonacci hashing) so that neither masks the other. */
function endHash(address: number, port: number): number {
  return Math.imul(address, 0x9e3779b1) ^ Math.imul(port + 1, 0x85ebca6b);
}

/** Murmur3's finalizer: spreads the sum's bits over the low ones the mask keeps. */
function finish(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
