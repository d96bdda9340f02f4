/** How many finished connections may wait for an earlier stream before they are let through. */
export const DEFAULT_REORDER_LIMIT = 4096;

/**
 * Puts retired connections back in stream order. They retire in the order they finish, while
 * their records are read best by tcp.stream: each waits for every earlier stream, unless more
 * than `limit` are waiting, when the lowest is let through and the streams it passed (still open)
 * come when they finish. So memory is bounded, and a capture whose connections finish within a
 * few thousand of one another comes out in stream order.
 */
export class StreamOrder<T> {
  /**
   * The waiting streams, a binary min-heap by stream number, each item at its stream's place in
   * `items`: moved along with it, so no map is needed to find it (a map's insert and delete for
   * every connection cost more than the heap).
   */
  private readonly streams: number[] = [];
  private readonly items: Array<T | undefined> = [];
  private next = 0;

  constructor(
    private readonly emit: (item: T) => void,
    private readonly limit = DEFAULT_REORDER_LIMIT,
  ) {}

  /** Stream `stream` is done; `item` is its record, or undefined when it is not to be shown (its turn still passes). */
  add(stream: number, item: T | undefined): void {
    if (stream < this.next) {
      if (item !== undefined) this.emit(item);
      return;
    }
    if (stream === this.next) {
      // Its turn: out without waiting in the heap, then those it held back.
      this.next++;
      if (item !== undefined) this.emit(item);
      if (this.streams.length > 0) this.release(false);
      return;
    }
    this.push(stream, item);
    this.release(false);
  }

  /** Every stream is done: let the rest through, in order. */
  flush(): void {
    this.release(true);
  }

  private release(all: boolean): void {
    const streams = this.streams;
    while (streams.length > 0 && (streams[0] === this.next || all || streams.length > this.limit)) {
      const stream = streams[0]!;
      const item = this.items[0];
      this.popLowest();
      this.next = Math.max(this.next, stream + 1);
      if (item !== undefined) this.emit(item);
    }
  }

  private push(stream: number, item: T | undefined): void {
    const { streams, items } = this;
    let index = streams.length;
    streams.push(stream);
    items.push(item);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (streams[parent]! <= stream) break;
      streams[index] = streams[parent]!;
      items[index] = items[parent];
      index = parent;
    }
    streams[index] = stream;
    items[index] = item;
  }

  /** Drop the lowest stream (the heap's top) and its item. */
  private popLowest(): void {
    const { streams, items } = this;
    const last = streams.pop()!;
    const lastItem = items.pop();
    const size = streams.length;
    if (size === 0) return;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const child = left + 1 < size && streams[left + 1]! < streams[left]! ? left + 1 : left;
      if (streams[child]! >= last) break;
      streams[index] = streams[child]!;
      items[index] = items[child];
      index = child;
    }
    streams[index] = last;
    items[index] = lastItem;
  }
}
