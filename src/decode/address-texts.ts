import { formatIpv4, formatIpv6 } from "./address.js";
import { readU32 } from "./bytes.js";

/** At most this many texts of each family are remembered; past it they are all forgotten, so that a scan of random addresses keeps the cache small. */
const LIMIT = 1 << 16;

/** An IPv6 address remembered under the hash of its bytes, with the bytes to tell it from another of the same hash. */
interface Ipv6Text {
  words: readonly [number, number, number, number];
  text: string;
}

/**
 * The texts of the addresses a decoder saw lately, by their bytes: a capture holds few distinct
 * addresses, and writing out two per packet (eight numbers turned into text for IPv4, eight
 * groups and a search for zeros for IPv6) was the largest part of decoding a segment. Owned by
 * one FrameDecoder; the same bytes always give the same string.
 */
export class AddressTexts {
  private readonly ipv4Texts = new Map<number, string>();
  private readonly ipv6Texts = new Map<number, Ipv6Text>();

  /** formatIpv4 of the four bytes at `offset`. */
  ipv4(bytes: Uint8Array, offset: number): string {
    // As a signed 32-bit number: a key above 2^31 (192.168/16 and the rest of the upper half) would be a heap number made per lookup.
    const value = readU32(bytes, offset) | 0;
    let text = this.ipv4Texts.get(value);
    if (text === undefined) {
      if (this.ipv4Texts.size >= LIMIT) this.ipv4Texts.clear();
      text = formatIpv4(bytes, offset);
      this.ipv4Texts.set(value, text);
    }
    return text;
  }

  /** formatIpv6 of the sixteen bytes at `offset`. */
  ipv6(bytes: Uint8Array, offset: number): string {
    const w0 = readU32(bytes, offset) | 0;
    const w1 = readU32(bytes, offset + 4) | 0;
    const w2 = readU32(bytes, offset + 8) | 0;
    const w3 = readU32(bytes, offset + 12) | 0;
    // A 31-bit hash (a small integer key); addresses of one hash take turns in its entry.
    const key = (Math.imul(Math.imul(Math.imul(w0, 31) ^ w1, 31) ^ w2, 31) ^ w3) & 0x3fffffff;
    const known = this.ipv6Texts.get(key);
    if (known !== undefined) {
      const words = known.words;
      if (words[0] === w0 && words[1] === w1 && words[2] === w2 && words[3] === w3) return known.text;
    } else if (this.ipv6Texts.size >= LIMIT) this.ipv6Texts.clear();
    const text = formatIpv6(bytes, offset);
    this.ipv6Texts.set(key, { words: [w0, w1, w2, w3], text });
    return text;
  }
}
