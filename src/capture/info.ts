import {
  MICROSECONDS,
  precisionOf,
  resolutionBits,
  type TimestampPrecision,
  type TimestampResolution,
} from "./timestamp.js";

export type CaptureFormat = "pcap" | "pcapng";
export type ByteOrder = "little" | "big";

/** What the reader has learnt about a capture from its headers. */
export interface CaptureInfo {
  /** Container format, sniffed from the magic number. */
  readonly format: CaptureFormat;
  /** Whether the bytes arrived gzip-compressed (readCapture detects the 1f 8b magic). */
  readonly gzip: boolean;
  /**
   * Byte order of the file header (pcap) or of the sections (pcapng); "mixed" when pcapng
   * sections differ (each Section Header Block sets its own, draft-ietf-opsawg-pcapng §4.1).
   */
  readonly byteOrder: ByteOrder | "mixed";
  /** Number of pcapng sections seen so far; always 1 for pcap. */
  readonly sections: number;
  /**
   * LINKTYPE_* values of the interfaces, distinct, in order of first appearance; at most
   * MAX_LISTED_LINK_TYPES of them (the reader warns when a capture declares more).
   */
  readonly linkTypes: readonly number[];
  /**
   * The finest timestamp resolution of any interface: "us" or "ns" for pcap; for pcapng the finest
   * if_tsresol seen ("us", the pcapng default, before any interface is known).
   */
  readonly timestampPrecision: TimestampPrecision;
  /**
   * The largest snap length any interface declares (pcap: the file header's). 0 when an interface
   * declares none (pcapng: 0 means no limit) or before any interface is known.
   */
  readonly snapLength: number;
}

/**
 * Distinct link types a capture's description lists at most. Real captures have a handful; each
 * new one copies the list, so a hostile pcapng file declaring thousands would cost time quadratic
 * in its size.
 */
export const MAX_LISTED_LINK_TYPES = 64;

/**
 * Builds CaptureInfo as headers arrive. A pcapng file can describe any number of interfaces, so
 * each update is O(1) and a new linkTypes array is made only when a new link type appears.
 */
export class CaptureSummary {
  private byteOrder: ByteOrder | "mixed" | undefined;
  private sections = 0;
  private linkTypes: readonly number[] = [];
  private readonly listed = new Set<number>();
  private finest: TimestampResolution | undefined;
  private snapLength: number | undefined;
  private changed = false;

  constructor(
    private readonly format: CaptureFormat,
    private readonly gzip: boolean,
  ) {}

  addSection(byteOrder: ByteOrder): void {
    this.sections += 1;
    this.byteOrder = this.byteOrder === undefined || this.byteOrder === byteOrder ? byteOrder : "mixed";
    this.changed = true;
  }

  /** Returns false when the link type is new but MAX_LISTED_LINK_TYPES are listed already: it is left out. */
  addInterface(linkType: number, snapLength: number, resolution: TimestampResolution): boolean {
    const listed = this.listed.has(linkType) || this.listed.size < MAX_LISTED_LINK_TYPES;
    if (listed && !this.listed.has(linkType)) {
      this.listed.add(linkType);
      this.linkTypes = [...this.linkTypes, linkType];
      this.changed = true;
    }
    if (this.finest === undefined || resolutionBits(resolution) > resolutionBits(this.finest)) {
      this.finest = resolution;
      this.changed = true;
    }
    const largest = this.snapLength === undefined ? snapLength : widerSnapLength(this.snapLength, snapLength);
    if (largest !== this.snapLength) {
      this.snapLength = largest;
      this.changed = true;
    }
    return listed;
  }

  /** A fresh CaptureInfo if anything changed since the last call, else undefined. */
  takeChange(): CaptureInfo | undefined {
    if (!this.changed || this.byteOrder === undefined) return undefined;
    this.changed = false;
    return {
      format: this.format,
      gzip: this.gzip,
      byteOrder: this.byteOrder,
      sections: this.sections,
      linkTypes: this.linkTypes,
      timestampPrecision: precisionOf(this.finest ?? MICROSECONDS),
      snapLength: this.snapLength ?? 0,
    };
  }
}

/** The larger of two snap lengths, where 0 (no limit) is larger than any other. */
function widerSnapLength(a: number, b: number): number {
  return a === 0 || b === 0 ? 0 : Math.max(a, b);
}
