import { truncate } from "./truncate.js";

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
    else if (dropsTaken(this.head, this.items.length)) this.dropTaken();
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

/** Whether a queue whose first `head` slots were taken should drop them now: past a thousand, once they are half its slots. */
function dropsTaken(head: number, slots: number): boolean {
  return head > 1024 && head * 2 > slots;
}

/**
 * A Fifo whose items each come with the capture time they are due and a whole number of the
 * caller's, both kept in arrays of numbers beside the items: an entry object for each item, and
 * a heap number for its time, were two objects more for every connection waiting, each copied
 * by the young generation's collections.
 */
export class TimedFifo<T> {
  private items: Array<T | undefined> = [];
  private dues: number[] = [];
  private marks: number[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T, due: number, mark = 0): void {
    this.items.push(item);
    this.dues.push(due);
    this.marks.push(mark);
  }

  /** The oldest item, left in the queue. */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** When the oldest item is due (only while the queue holds one). */
  get firstDue(): number {
    return this.dues[this.head]!;
  }

  /** The oldest item's number (only while the queue holds one). */
  get firstMark(): number {
    return this.marks[this.head]!;
  }

  /** Keep only the items that pass, in order, each with its due time and number. */
  retain(keep: (item: T) => boolean): void {
    let kept = 0;
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (!keep(item)) continue;
      this.items[kept] = item;
      this.dues[kept] = this.dues[i]!;
      this.marks[kept] = this.marks[i]!;
      kept++;
    }
    truncate(this.items, kept);
    truncate(this.dues, kept);
    truncate(this.marks, kept);
    this.head = 0;
  }

  /** Drop the oldest item (only while the queue holds one); its slot is cleared at once. */
  drop(): void {
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.dues.length = 0;
      this.marks.length = 0;
      this.head = 0;
    } else if (dropsTaken(this.head, this.items.length)) {
      this.items.splice(0, this.head);
      this.dues.splice(0, this.head);
      this.marks.splice(0, this.head);
      this.head = 0;
    }
  }
}
