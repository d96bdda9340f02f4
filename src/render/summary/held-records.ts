import { ByteStore } from "../shared/byte-store.js";
import type { ByteWriter } from "../shared/byte-writer.js";
import type { ConnectionSummary, Verdict } from "../../track/summary.js";
import { countedLatency, type SummaryTotalsCounter } from "./summary-totals.js";

/**
 * Summary records written as bytes when their connection is let go of, and held there until
 * their turn in stream order: what waits is a slot number and the record's bytes in a store, not
 * the record's objects (a few thousand wait at once, long enough to be promoted, which made the
 * collector trace and copy them). A record is written in parts (a table row's cells; one part
 * for a JSON record) whose ends are kept, and moved out whole. What the totals count of the
 * connection waits with it, to be counted at its turn: the JSON totals name the verdicts in the
 * order the records go out.
 */
export class HeldRecords {
  /** Smaller than the store's default: a record waiting long keeps its whole chunk. */
  private readonly store = new ByteStore(CHUNK_SIZE);
  /** Per slot, `stride` positions in the store: where its record starts, then where each part ends. */
  private readonly positions: number[] = [];
  private readonly stride: number;
  /** Per slot, its connection's verdict and counted latency (NO_LATENCY: none), kept as numbers in place of the record. */
  private readonly verdicts: Verdict[] = [];
  private readonly latencies: number[] = [];
  /** Slots whose record was moved out, taken again before new ones. */
  private readonly freeSlots: number[] = [];
  private slots = 0;
  /** The slot being written, and how many of its parts are whole. */
  private writing = 0;
  private partsWritten = 0;

  constructor(parts: number) {
    this.stride = parts + 1;
  }

  /** Where the record begun is written, part by part (endPart after each). */
  get writer(): ByteWriter {
    return this.store.writer;
  }

  /** The record of `summary` begins: its slot. */
  begin(summary: ConnectionSummary): number {
    const slot = this.freeSlots.pop() ?? this.slots++;
    this.verdicts[slot] = summary.verdict;
    this.latencies[slot] = countedLatency(summary) ?? NO_LATENCY;
    this.writing = slot;
    this.partsWritten = 0;
    this.positions[slot * this.stride] = this.store.end;
    return slot;
  }

  /** A record of one part, written whole by `write` (a JSON record): its slot. */
  hold(summary: ConnectionSummary, write: (out: ByteWriter, summary: ConnectionSummary) => void): number {
    const slot = this.begin(summary);
    write(this.writer, summary);
    this.endPart();
    return slot;
  }

  /** The part written since the last (or since begin) is whole. */
  endPart(): void {
    this.positions[this.writing * this.stride + ++this.partsWritten] = this.store.end;
  }

  /** The record in `slot`, appended to `out`; each record is moved once. */
  move(slot: number, out: ByteWriter): void {
    const at = slot * this.stride;
    this.store.move(this.positions[at]!, this.positions[at + this.stride - 1]!, out);
  }

  /** Bytes from the start of the record in `slot` to the end of its part `part`. */
  partEnd(slot: number, part: number): number {
    const at = slot * this.stride;
    return this.positions[at + part + 1]! - this.positions[at]!;
  }

  /** The record in `slot` was moved out: its connection is counted in `totals`, and the slot taken again. */
  done(slot: number, totals: SummaryTotalsCounter): void {
    const latency = this.latencies[slot]!;
    totals.add(this.verdicts[slot]!, latency === NO_LATENCY ? null : latency);
    this.freeSlots.push(slot);
  }
}

/** No completed handshake: a latency is never negative. */
const NO_LATENCY = -1;
/** A record takes a few hundred bytes. */
const CHUNK_SIZE = 16 * 1024;
