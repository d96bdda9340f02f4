/**
 * A first-in first-out queue on an array. Taking from the front moves an index; the slot taken
 * is cleared at once, so the queue never keeps a taken item alive (a connection let go of must
 * be freed, not held by the queue that let it go), and the taken front is dropped now and then.
 */
export class Fifo<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  /** The oldest item, left in the queue. */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** Take the oldest item. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) this.clear();
    else if (this.head > 1024 && this.head * 2 > this.items.length) this.dropTaken();
    return item;
  }

  /** Keep only the items that pass, in order. */
  retain(keep: (item: T) => boolean): void {
    const kept: Array<T | undefined> = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (keep(item)) kept.push(item);
    }
    this.items = kept;
    this.head = 0;
  }

  private clear(): void {
    this.items.length = 0;
    this.head = 0;
  }

  private dropTaken(): void {
    this.items.splice(0, this.head);
    this.head = 0;
  }
}
