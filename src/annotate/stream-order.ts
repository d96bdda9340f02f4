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
  private readonly waiting = new Map<number, T | undefined>();
  /** The waiting stream numbers, a binary min-heap. */
  private readonly heap: number[] = [];
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
      if (this.heap.length > 0) this.release(false);
      return;
    }
    this.waiting.set(stream, item);
    pushHeap(this.heap, stream);
    this.release(false);
  }

  /** Every stream is done: let the rest through, in order. */
  flush(): void {
    this.release(true);
  }

  private release(all: boolean): void {
    while (this.heap.length > 0 && (this.heap[0] === this.next || all || this.heap.length > this.limit)) {
      const stream = popHeap(this.heap);
      const item = this.waiting.get(stream);
      this.waiting.delete(stream);
      this.next = Math.max(this.next, stream + 1);
      if (item !== undefined) this.emit(item);
    }
  }
}

function pushHeap(heap: number[], value: number): void {
  let index = heap.push(value) - 1;
  while (index > 0) {
    const parent = (index - 1) >> 1;
    if (heap[parent]! <= value) break;
    heap[index] = heap[parent]!;
    index = parent;
  }
  heap[index] = value;
}

function popHeap(heap: number[]): number {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length === 0) return top;
  let index = 0;
  for (;;) {
    const left = 2 * index + 1;
    if (left >= heap.length) break;
    const child = left + 1 < heap.length && heap[left + 1]! < heap[left]! ? left + 1 : left;
    if (heap[child]! >= last) break;
    heap[index] = heap[child]!;
    index = child;
  }
  heap[index] = last;
  return top;
}
