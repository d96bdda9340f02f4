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

/** One family's table: each slot's address as signed 32-bit words (an unsigned one above 2^31 would be a heap number), and its text. */
class TextSlots {
  readonly words: Int32Array;
  /** "" for a slot still empty. */
  readonly texts: string[] = new Array<string>(SLOTS).fill("");

  constructor(wordsPerAddress: number) {
    this.words = new Int32Array(wordsPerAddress * SLOTS);
  }
}

/** The slot of an address, by a 32-bit key made of its words. */
function slotOf(key: number): number {
  return Math.imul(key, GOLDEN) >>> (32 - SLOT_BITS);
}

/**
 * The texts of the addresses a decoder saw lately, by their bytes: a capture holds few distinct
 * addresses, and writing out two per packet (eight numbers turned into text for IPv4, eight
 * groups and a search for zeros for IPv6) was the largest part of decoding a segment. Owned by
 * one FrameDecoder; the same bytes always give the same text. A family's table is made at its
 * first address: a decoder made for a frame or two (decodeFrame) makes only what it uses.
 */
export class AddressTexts {
  private ipv4Slots: TextSlots | undefined;
  private ipv6Slots: TextSlots | undefined;

  /** formatIpv4 of the four bytes at `offset`. */
  ipv4(bytes: Uint8Array, offset: number): string {
    const slots = (this.ipv4Slots ??= new TextSlots(1));
    const address = readU32(bytes, offset) | 0;
    const slot = slotOf(address);
    const known = slots.texts[slot]!;
    if (known !== "" && slots.words[slot] === address) return known;
    const text = formatIpv4(bytes, offset);
    slots.words[slot] = address;
    slots.texts[slot] = text;
    return text;
  }

  /** formatIpv6 of the sixteen bytes at `offset`. */
  ipv6(bytes: Uint8Array, offset: number): string {
    const slots = (this.ipv6Slots ??= new TextSlots(4));
    const w0 = readU32(bytes, offset) | 0;
    const w1 = readU32(bytes, offset + 4) | 0;
    const w2 = readU32(bytes, offset + 8) | 0;
    const w3 = readU32(bytes, offset + 12) | 0;
    const slot = slotOf(Math.imul(Math.imul(Math.imul(w0, 31) ^ w1, 31) ^ w2, 31) ^ w3);
    const words = slots.words;
    const at = 4 * slot;
    const known = slots.texts[slot]!;
    if (known !== "" && words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2 && words[at + 3] === w3)
      return known;
    const text = formatIpv6(bytes, offset);
    words[at] = w0;
    words[at + 1] = w1;
    words[at + 2] = w2;
    words[at + 3] = w3;
    slots.texts[slot] = text;
    return text;
  }
}
