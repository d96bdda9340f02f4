/**
 * A DataView over exactly the bytes of `bytes`: the parsers read every header field through one
 * per chunk (getUint32(pos, littleEndian)), which V8 compiles to plain loads.
 */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * A record's bytes, bytes[start, start + length), as a plain Uint8Array over the same memory: made
 * for every record, so it is made by the constructor, which costs about half what subarray()
 * does (subarray looks up the species constructor first), and is plain whatever `bytes` is.
 */
export function recordBytes(bytes: Uint8Array, start: number, length: number): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset + start, length);
}
