/**
 * TCP_Endpoint::HistoryMasks: the letters recorded once per direction. For the responder Zeek
 * shifts the mask 16 bits up, so both directions share one word (Connection::hist_seen).
 */
export const HistoryMask = {
  SYN: 0x1,
  FIN: 0x2,
  RST: 0x4,
  FIN_RST: 0x8,
  DATA: 0x10,
  ACK: 0x20,
  MULTI_FLAG: 0x40,
} as const;

const RESPONDER_SHIFT = 16;

/**
 * The history's letters as codes of five bits: the originator's, upper case (1 to 12), and the
 * responder's, the same code with LOWER_CASE set.
 */
export const HistoryLetter = {
  S: 1,
  H: 2,
  A: 3,
  D: 4,
  F: 5,
  R: 6,
  T: 7,
  W: 8,
  G: 9,
  I: 10,
  Q: 11,
} as const;

export type HistoryLetter = (typeof HistoryLetter)[keyof typeof HistoryLetter];

const LOWER_CASE = 0x10;
/** The ^ of a flip, which has no case. */
const FLIP = 12;
/** The text of each code (LETTER_TEXT[code]); 0 and the codes after FLIP stand for no letter. */
const LETTER_TEXT = "?SHADFRTWGIQ^???" + "?shadfrtwgiq????";
const CODE_BITS = 5;
const LETTER_MASK = (1 << CODE_BITS) - 1;
const PAIR_MASK = (1 << (2 * CODE_BITS)) - 1;
/** The text of each two codes, the older in the higher bits (PAIR_TEXT[older << CODE_BITS | newer]). */
const PAIR_TEXT: readonly string[] = Array.from(
  { length: PAIR_MASK + 1 },
  (_, pair) => LETTER_TEXT[pair >>> CODE_BITS]! + LETTER_TEXT[pair & LETTER_MASK]!,
);
/** Letters held as codes at once: six codes fill 30 bits, a small integer that V8 keeps in the field. */
const HELD_LETTERS = 6;

/** A counter whose letter is recorded at the 1st, 10th, 100th ... occurrence (Connection::ScaledHistoryEntry). */
export class ScaledCount {
  private count = 0;
  private threshold = 1;

  /** Counts one more; true when this one crosses the next threshold. */
  next(): boolean {
    if (++this.count !== this.threshold) return false;
    const nextThreshold = (this.threshold * 10) >>> 0;
    // Zeek's 32-bit threshold can wrap; then the count starts again under the same threshold.
    if (nextThreshold <= this.threshold) this.count = 0;
    else this.threshold = nextThreshold;
    return true;
  }
}

/** The counters of an endpoint's scaled letters: T (retransmissions), W (zero windows) and G (content gaps). */
export class LetterCounts {
  readonly retransmissions = new ScaledCount();
  readonly zeroWindows = new ScaledCount();
  readonly gaps = new ScaledCount();
}

/**
 * Zeek's connection history (Connection::history): one letter per event, upper case from the
 * originator, lower case from the responder, ^ where the roles were flipped. The session extends
 * it, as Zeek's Connection holds history and hist_seen itself. The latest letters are held as
 * codes in one small integer, and written out as text six at a time: most histories are made a
 * string only when read, one string rather than one per letter.
 */
export class HistoryRecorder {
  /** The letters before the held ones, as text. */
  private written = "";
  /** The latest letters' codes, the oldest in the highest bits, and how many there are. */
  private held = 0;
  private heldCount = 0;
  private seen = 0;

  /**
   * TCP_Endpoint::CheckHistory: records the letter the first time this direction earns it.
   * Returns true when it had been seen before (the caller may still record a repeat).
   */
  once(isOrig: boolean, mask: number, letter: HistoryLetter): boolean {
    const bit = isOrig ? mask : mask << RESPONDER_SHIFT;
    if ((this.seen & bit) !== 0) return true;
    this.seen |= bit;
    this.add(isOrig, letter);
    return false;
  }

  /** TCP_Endpoint::AddHistory. */
  add(isOrig: boolean, letter: HistoryLetter): void {
    this.hold(isOrig ? letter : letter | LOWER_CASE);
  }

  /** ScaledHistoryEntry for T, W, G, C: the letter at the 1st, 10th, 100th ... occurrence. */
  scaled(isOrig: boolean, letter: HistoryLetter, counter: ScaledCount): void {
    if (counter.next()) this.add(isOrig, letter);
  }

  /** Connection::FlipRoles appends ^; what was recorded stays as it was, and so do the seen marks. */
  flip(): void {
    this.hold(FLIP);
  }

  /**
   * The flip Zeek makes when a connection that began with a SYN-ACK goes on with an ACK or data
   * (zeek/zeek pull request 2191): its conn.log then reads "^hADadFf", the SYN-ACK already written
   * as the responder's. So the letters so far are rewritten for the new roles, behind a ^, and
   * the once-per-direction marks move with them.
   */
  rewriteFlipped(): void {
    this.written = "^" + swapCase(this.history);
    this.held = 0;
    this.heldCount = 0;
    const low = this.seen & 0xffff;
    this.seen = (this.seen >>> RESPONDER_SHIFT) | (low << RESPONDER_SHIFT);
  }

  get history(): string {
    return this.written + textOf(this.held, this.heldCount);
  }

  private hold(code: number): void {
    if (this.heldCount === HELD_LETTERS) {
      this.written += textOf(this.held, HELD_LETTERS);
      this.held = 0;
      this.heldCount = 0;
    }
    this.held = (this.held << CODE_BITS) | code;
    this.heldCount++;
  }
}

/** The text of `count` letters held as codes, the oldest in the highest bits: two at a time, so that fewer strings are made on the way. */
function textOf(codes: number, count: number): string {
  // An odd count: the oldest letter comes alone first.
  const alone = count % 2;
  let text = alone === 1 ? LETTER_TEXT[(codes >>> ((count - 1) * CODE_BITS)) & LETTER_MASK]! : "";
  for (let shift = (count - alone - 2) * CODE_BITS; shift >= 0; shift -= 2 * CODE_BITS)
    text += PAIR_TEXT[(codes >>> shift) & PAIR_MASK]!;
  return text;
}

function swapCase(letters: string): string {
  return [...letters]
    .map((letter) => (letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase()))
    .join("");
}
