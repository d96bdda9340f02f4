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

/**
 * Zeek's connection history (Connection::history): one letter per event, upper case from the
 * originator, lower case from the responder, ^ where the roles were flipped. The session extends
 * it, as Zeek's Connection holds history and hist_seen itself.
 */
export class HistoryRecorder {
  private letters = "";
  private seen = 0;

  /**
   * TCP_Endpoint::CheckHistory: records the letter the first time this direction earns it.
   * Returns true when it had been seen before (the caller may still record a repeat).
   */
  once(isOrig: boolean, mask: number, code: string): boolean {
    const bit = isOrig ? mask : mask << RESPONDER_SHIFT;
    if ((this.seen & bit) !== 0) return true;
    this.seen |= bit;
    this.add(isOrig, code);
    return false;
  }

  /** TCP_Endpoint::AddHistory. */
  add(isOrig: boolean, code: string): void {
    this.letters += isOrig ? code : code.toLowerCase();
  }

  /** ScaledHistoryEntry for T, W, G, C: the letter at the 1st, 10th, 100th ... occurrence. */
  scaled(isOrig: boolean, code: string, counter: ScaledCount): void {
    if (counter.next()) this.add(isOrig, code);
  }

  /** Connection::FlipRoles appends ^; what was recorded stays as it was, and so do the seen marks. */
  flip(): void {
    this.letters += "^";
  }

  /**
   * The flip Zeek makes when a connection that began with a SYN-ACK goes on with an ACK or data
   * (zeek/zeek pull request 2191): its conn.log then reads "^hADadFf", the SYN-ACK already written
   * as the responder's. So the letters so far are rewritten for the new roles, behind a ^, and
   * the once-per-direction marks move with them.
   */
  rewriteFlipped(): void {
    this.letters = "^" + swapCase(this.letters);
    const low = this.seen & 0xffff;
    this.seen = (this.seen >>> RESPONDER_SHIFT) | (low << RESPONDER_SHIFT);
  }

  get history(): string {
    return this.letters;
  }
}

function swapCase(letters: string): string {
  return [...letters]
    .map((letter) => (letter === letter.toUpperCase() ? letter.toLowerCase() : letter.toUpperCase()))
    .join("");
}
