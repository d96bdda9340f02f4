import type { Style } from "./style.js";

type Format = Parameters<Style["paint"]>[0];

/**
 * The colours every terminal output uses, chosen to read on dark and light backgrounds alike:
 * no dim (near invisible on some dark themes), no yellow (on white) and no blue (on black);
 * what must stand out most is bold.
 */
export const PALETTE = {
  syn: "green",
  fin: "magenta",
  rst: "red",
  /** An endpoint's state where it changes. */
  state: "bold",
  /** Wireshark's analysis findings: something went wrong. */
  finding: ["red", "bold"],
  heading: "bold",
  /** A told state that later evidence changed. */
  revision: "magenta",
  /** A handshake or teardown step. */
  step: "bold",
  /** A check's verdicts. */
  pass: "green",
  fail: ["red", "bold"],
  /** Lines that only frame a table. */
  rule: "gray",
} as const satisfies Record<string, Format>;
