/**
 * A captured frame as the capture readers hand it on: one record of a pcap or pcapng file.
 * `data` is a view into the reader's buffer (zero copy): it is valid only during the callback
 * that receives it; copy it to keep it.
 */
export interface Frame {
  /** 1-based record number, counting every packet record (Wireshark's frame.number). */
  index: number;
  /** Its time, a Timestamp (timestamp.ts): whole seconds since the epoch ... */
  seconds: number;
  /** ... and nanoseconds within that second (0..999_999_999). */
  nanos: number;
  /**
   * True when the record carries no timestamp at all (a pcapng Simple Packet Block,
   * draft-ietf-opsawg-pcapng §4.4): seconds and nanos are then 0, and tshark shows no time.
   * The capture readers always set it; absent means false.
   */
  noTimestamp?: boolean;
  /** Bytes captured (may be less than origLen when the snap length cut the frame). */
  capLen: number;
  /** Length of the frame on the wire. */
  origLen: number;
  /** LINKTYPE_* value of the interface the frame was captured on. */
  linkType: number;
  /** Byte offset of the record's header in the (decompressed) capture stream. */
  offset: number;
  /** The captured bytes, capLen long. */
  data: Uint8Array;
}
