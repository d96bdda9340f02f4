/**
 * A DataView over exactly the bytes of `bytes`: the parsers read every header field through one
 * per chunk (getUint32(pos, littleEndian)), which V8 compiles to plain loads.
 */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
