/** Bytes as they appear in error messages: "4d 3c 2b 1a", plus the text when it is all printable. */
export function describeBytes(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join(" ");
  const printable = bytes.length > 0 && bytes.every((byte) => byte >= 0x20 && byte < 0x7f);
  return printable ? `${hex} ("${Array.from(bytes, (byte) => String.fromCharCode(byte)).join("")}")` : hex;
}

/** A 32-bit value as the specs write block types and magic numbers: 0x0a0d0d0a. */
export function hex32(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}
