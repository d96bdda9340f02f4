import { describe, expect, it } from "vitest";
import { ConnectionSlot, type HoldsReaderStates } from "../../src/track/connection-slot.js";

describe("ConnectionSlot", () => {
  it("keeps each reader's state of a connection apart, and forgets one when taken", () => {
    const connection: HoldsReaderStates = { readerStates: undefined };
    const other: HoldsReaderStates = { readerStates: undefined };
    const facts = new ConnectionSlot<string>();
    const count = new ConnectionSlot<number>();
    expect(facts.get(connection)).toBeUndefined();
    facts.set(connection, "first");
    count.set(connection, 0);
    count.set(connection, (count.get(connection) ?? 0) + 1);
    expect(facts.get(connection)).toBe("first");
    expect(count.get(connection)).toBe(1);
    expect(facts.get(other)).toBeUndefined();
    expect(facts.take(connection)).toBe("first");
    expect(facts.get(connection)).toBeUndefined();
    expect(count.get(connection)).toBe(1);
    // A state set again after being taken reuses its place: the list does not grow.
    facts.set(connection, "again");
    expect(connection.readerStates).toHaveLength(4);
    expect(facts.take(connection)).toBe("again");
  });
});
