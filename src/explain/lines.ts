import type { Message } from "./message.js";

/** Where an explanation's parts add their lines, in order: an array, or an explainer's Lines. */
export interface MessageList {
  push(line: Message): unknown;
}

/**
 * The lines of one explanation gathered in an array kept by the explainer, then handed out as an
 * array of their number: an array grown by push takes room for 16 lines at its first one, and
 * each explanation lives as long as its segment waits in the output queue.
 */
export class Lines implements MessageList {
  private readonly items: Array<Message | undefined> = [];
  private count = 0;

  push(line: Message): void {
    this.items[this.count++] = line;
  }

  /** The lines gathered since the last take, and the list emptied. */
  take(): Message[] {
    const items = this.items;
    const count = this.count;
    const taken = (count === 1 ? [items[0]] : items.slice(0, count)) as Message[];
    // The slots are cleared rather than the array shortened, which would drop its store.
    for (let i = 0; i < count; i++) items[i] = undefined;
    this.count = 0;
    return taken;
  }
}
