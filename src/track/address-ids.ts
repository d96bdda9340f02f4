/**
 * Small integer ids for the address texts a table holds, each counted by the entries that use it,
 * so that an address no entry uses any more is forgotten (a scan must not leave its addresses
 * behind) and its id used again. A Map finds a text's id at the cost of one probe: V8 keeps a
 * string's hash with the string, and the decoder hands out one string per address (address.ts).
 */
export class AddressIds {
  private readonly ids = new Map<string, number>();
  private texts: string[] = [];
  private uses = new Int32Array(64);
  private readonly free: number[] = [];

  /** The address's id, if an entry uses it. */
  idOf(address: string): number | undefined {
    return this.ids.get(address);
  }

  /** The address's id, counted once more. */
  hold(address: string): number {
    let id = this.ids.get(address);
    if (id === undefined) {
      id = this.free.pop() ?? this.texts.length;
      if (id === this.uses.length) this.grow();
      this.ids.set(address, id);
      this.texts[id] = address;
    }
    this.uses[id]!++;
    return id;
  }

  /** Counted once less: at none the address is forgotten. */
  release(id: number): void {
    if (--this.uses[id]! > 0) return;
    this.ids.delete(this.texts[id]!);
    this.texts[id] = "";
    this.free.push(id);
  }

  /** How many addresses are held (for tests: none is left behind). */
  get size(): number {
    return this.ids.size;
  }

  private grow(): void {
    const uses = new Int32Array(2 * this.uses.length);
    uses.set(this.uses);
    this.uses = uses;
  }
}
