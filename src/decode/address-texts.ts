import { formatIpv4, formatIpv6 } from "./address.js";
import { readU32 } from "./bytes.js";

/**
 * Texts sit in a table of this many slots per family, each address in the one its hash picks,
 * taking the place of another address of that slot: the table is bounded by its size, so that a
 * scan of random addresses keeps it small, and a lookup is a multiply and a few loads where a
 * Map's was a call that hashed its key again.
 */
const SLOT_BITS = 12;
const SLOTS = 1 << SLOT_BITS;
/** Fibonacci hashing (2^32 over the golden ratio): the top bits of the product depend on every bit of the key. */
const GOLDEN = 0x9e3779b1;

/**
 * The texts of the addresses a decoder saw lately, by their bytes: a capture holds few distinct
 * addresses, and writing out two per packet (eight numbers turned into text for IPv4, eight
 * groups and a search for zeros for IPv6) was the largest part of decoding a segment. Owned by
 * one FrameDecoder; the same bytes always give the same text. Addresses are kept as signed
 * 32-bit words (an unsigned one above 2^31 would be a heap number).
 */
export class AddressTexts {
  private readonly ipv4Addresses = new Int32Array(SLOTS);
  /** Each slot's text; "" for a slot still empty. */
  private readonly ipv4Texts: string[] = new Array<string>(SLOTS).fill("");
  /** Four words a slot. */
  private readonly ipv6Addresses = new Int32Array(4 * SLOTS);
  private readonly ipv6Texts: string[] = new Array<string>(SLOTS).fill("");

  /** formatIpv4 of the four bytes at `offset`. */
  ipv4(bytes: Uint8Array, offset: number): string {
    const address = readU32(bytes, offset) | 0;
    const slot = Math.imul(address, GOLDEN) >>> (32 - SLOT_BITS);
    const known = this.ipv4Texts[slot]!;
    if (known !== "" && this.ipv4Addresses[slot] === address) return known;
    const text = formatIpv4(bytes, offset);
    this.ipv4Addresses[slot] = address;
    this.ipv4Texts[slot] = text;
    return text;
  }

  /** formatIpv6 of the sixteen bytes at `offset`. */
  ipv6(bytes: Uint8Array, offset: number): string {
    const w0 = readU32(bytes, offset) | 0;
    const w1 = readU32(bytes, offset + 4) | 0;
    const w2 = readU32(bytes, offset + 8) | 0;
    const w3 = readU32(bytes, offset + 12) | 0;
    const key = Math.imul(Math.imul(Math.imul(w0, 31) ^ w1, 31) ^ w2, 31) ^ w3;
    const index = Math.imul(key, GOLDEN) >>> (32 - SLOT_BITS);
    const words = this.ipv6Addresses;
    const at = 4 * index;
    const known = this.ipv6Texts[index]!;
    if (known !== "" && words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2 && words[at + 3] === w3)
      return known;
    const text = formatIpv6(bytes, offset);
    words[at] = w0;
    words[at + 1] = w1;
    words[at + 2] = w2;
    words[at + 3] = w3;
    this.ipv6Texts[index] = text;
    return text;
  }
}
