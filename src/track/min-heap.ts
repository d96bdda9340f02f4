/**
 * A binary min-heap of numbers in a growable Float64Array: eight bytes a value and no object
 * per value, for readers that take times back in order while others are still being added.
 */
export class MinHeap {
  /** Room for a few to start: every server port's half-open queue has two heaps, and most ports see one handshake. */
  private values = new Float64Array(4);
  private length = 0;

  get size(): number {
    return this.length;
  }

  /** The smallest value, left in the heap (NaN when empty). */
  peek(): number {
    return this.length > 0 ? this.values[0]! : Number.NaN;
  }

  push(value: number): void {
    if (this.length === this.values.length) this.grow();
    const values = this.values;
    let index = this.length++;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (values[parent]! <= value) break;
      values[index] = values[parent]!;
      index = parent;
    }
    values[index] = value;
  }

  /** Take the smallest value (NaN when empty). */
  pop(): number {
    if (this.length === 0) return Number.NaN;
    const values = this.values;
    const top = values[0]!;
    const last = values[--this.length]!;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= this.length) break;
      const child = left + 1 < this.length && values[left + 1]! < values[left]! ? left + 1 : left;
      if (values[child]! >= last) break;
      values[index] = values[child]!;
      index = child;
    }
    values[index] = last;
    return top;
  }

  private grow(): void {
    const values = new Float64Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }
}
