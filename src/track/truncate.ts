/**
 * Shorten an array to `length` in place, keeping its backing store: V8 drops the store when a
 * length is set to 0, and the next push allocates a new one. An array emptied and refilled for
 * every segment or every round of ACKs (a connection's kept rows, its unacknowledged segments)
 * would allocate each time.
 */
export function truncate<T>(items: T[], length: number): void {
  while (items.length > length) items.pop();
}

/** An empty array with room for `count` items (emptied with pop, which keeps its store). */
export function withRoomFor<T>(count: number): T[] {
  const items = new Array<T>(count);
  truncate(items, 0);
  return items;
}
