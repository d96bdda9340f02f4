/** What a connection carries for the readers above the tracker: their states, each beside its slot. */
export interface HoldsReaderStates {
  /** Slot and state in turn, made at the first state kept (Connection.readerStates). */
  readerStates: unknown[] | undefined;
}

/**
 * Where one reader above the tracker (the findings collector, check's facts, an explainer's
 * progress, the lookahead's count) keeps its own state of each open connection: in the
 * connection, found by this slot. Each reader makes its own slot, so two readers of one capture
 * never share a state. A connection has a few readers at most, so a state is found by comparing a
 * few slots, where a map from connection cost a lookup for every segment. The tracker never reads
 * these states; a reader takes its state when the connection retires.
 */
export class ConnectionSlot<T> {
  get(connection: HoldsReaderStates): T | undefined {
    const states = connection.readerStates;
    if (states === undefined) return undefined;
    for (let i = 0; i < states.length; i += 2) if (states[i] === this) return states[i + 1] as T | undefined;
    return undefined;
  }

  set(connection: HoldsReaderStates, state: T): void {
    const states = connection.readerStates;
    if (states === undefined) {
      // Made to its size: a first push into an empty array makes room for seventeen, which every
      // connection kept until it was let go of.
      connection.readerStates = [this, state];
      return;
    }
    for (let i = 0; i < states.length; i += 2) {
      if (states[i] !== this) continue;
      states[i + 1] = state;
      return;
    }
    // A new array of its size again, not a push, which would make room for seventeen more.
    connection.readerStates = [...states, this, state];
  }

  /** The state kept, now forgotten. */
  take(connection: HoldsReaderStates): T | undefined {
    const state = this.get(connection);
    if (state !== undefined) this.set(connection, undefined as T);
    return state;
  }
}
