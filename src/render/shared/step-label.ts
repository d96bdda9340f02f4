import type { TextWords } from "../../explain/catalog/index.js";
import type { Step } from "../../explain/step.js";

/** "handshake 1/3", "挥手 4/4". */
export function stepLabel(step: Step, words: TextWords): string {
  return `${words[step.phase]} ${step.n}/${step.of}`;
}
