/** Blocks a chunk holds at most before it is split in two: what one insertion moves at most. */
const CHUNK_BLOCKS = 256;

/** Where a block's start and end sit in its chunk: block k's are at 2k and 2k + 1. */
const START = 0;
const END = 1;

/**
 * Sorted, disjoint, never-touching blocks [start, end) of whole numbers: the bytes Zeek's
 * reassembler saw above the first hole (content-gaps.ts), which keeps them in an ordered map
 * (Reassembler.h, DataBlockMap). Here they are runs of up to CHUNK_BLOCKS blocks, each run one
 * array of numbers (no object per block), the runs in order: a new block finds its run and its
 * place by binary search, and moves at most one run's blocks, so data arriving in any order
 * costs a bounded amount per block. One sorted array moved half its blocks for every block that
 * landed between others (data in random order), which made such a connection take time growing
 * with the square of its blocks (docs/performance.md, Cost that grows with the input alone).
 * Blocks leave from the front, as the hole fills or an ACK passes them.
 */
export class BlockRun {
  /** The runs, in order, none empty. */
  private readonly chunks: number[][] = [];
  /** Where the last search found its block: the run, and the block within it. */
  private foundChunk = 0;
  private foundBlock = 0;

  /** @param chunkBlocks the blocks a run holds at most (tests make it small to cross runs often). */
  constructor(private readonly chunkBlocks = CHUNK_BLOCKS) {}

  get isEmpty(): boolean {
    return this.chunks.length === 0;
  }

  get firstStart(): number {
    return this.chunks[0]![START]!;
  }

  get firstEnd(): number {
    return this.chunks[0]![END]!;
  }

  dropFirst(): void {
    this.dropBefore(0, 1);
  }

  /** Drop the blocks that end at or below `upTo`; nothing is searched for when none do, as on nearly every ACK. */
  dropEndingBy(upTo: number): void {
    if (this.isEmpty || this.firstEnd > upTo) return;
    this.find(END, upTo);
    this.dropBefore(this.foundChunk, this.foundBlock);
  }

  /** Adds [start, end), merged with the blocks it overlaps or touches. */
  add(start: number, end: number): void {
    // Positions are whole numbers: ending above start - 1 is ending at or after start.
    this.find(END, start - 1);
    const fromChunk = this.foundChunk;
    const fromBlock = this.foundBlock;
    this.find(START, end);
    const toChunk = this.foundChunk;
    const toBlock = this.foundBlock;
    if (fromChunk < toChunk || (fromChunk === toChunk && fromBlock < toBlock)) {
      this.merge(start, end, fromChunk, fromBlock, toChunk, toBlock);
    } else {
      this.insert(start, end, fromChunk, fromBlock);
    }
  }

  /**
   * The first block whose start (START) or end (END) is above `value`, into foundChunk and
   * foundBlock (past the last run when none is): both increase along the blocks, so a binary
   * search finds the run by its last block, and another the block within it.
   */
  private find(bound: typeof START | typeof END, value: number): void {
    const chunks = this.chunks;
    let low = 0;
    let high = chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = chunks[middle]!;
      if (chunk[chunk.length - 2 + bound]! > value) high = middle;
      else low = middle + 1;
    }
    this.foundChunk = low;
    this.foundBlock = low === chunks.length ? 0 : firstAboveIn(chunks[low]!, bound, value);
  }

  /** The blocks from `from` up to before `to` and [start, end) become one block, at `from`. */
  private merge(
    start: number,
    end: number,
    fromChunk: number,
    fromBlock: number,
    toChunk: number,
    toBlock: number,
  ): void {
    const chunks = this.chunks;
    const first = chunks[fromChunk]!;
    // The last block merged: the one before `to`, in its run or at the end of the run before.
    const lastChunk = toBlock > 0 ? chunks[toChunk]! : chunks[toChunk - 1]!;
    const lastEnd = toBlock > 0 ? lastChunk[2 * (toBlock - 1) + END]! : lastChunk[lastChunk.length - 1]!;
    first[2 * fromBlock + START] = Math.min(start, first[2 * fromBlock + START]!);
    first[2 * fromBlock + END] = Math.max(end, lastEnd);
    if (fromChunk === toChunk) {
      first.splice(2 * (fromBlock + 1), 2 * (toBlock - fromBlock - 1));
      return;
    }
    first.length = 2 * (fromBlock + 1);
    // The runs wholly inside leave; of the run where `to` is, the blocks before it.
    chunks.splice(fromChunk + 1, toChunk - fromChunk - 1);
    const last = chunks[fromChunk + 1];
    if (last === undefined) return;
    last.splice(0, 2 * toBlock);
    if (last.length === 0) chunks.splice(fromChunk + 1, 1);
  }

  /** [start, end) goes in before the block at `chunk`, `block` (after the last when past the last run). */
  private insert(start: number, end: number, chunk: number, block: number): void {
    const chunks = this.chunks;
    if (chunk === chunks.length) {
      const last = chunks[chunks.length - 1];
      if (last === undefined) chunks.push([start, end]);
      else this.insertIn(chunks.length - 1, last.length >>> 1, start, end);
    } else {
      this.insertIn(chunk, block, start, end);
    }
  }

  /** Into a run, which is split in two halves once it holds more than chunkBlocks. */
  private insertIn(chunk: number, block: number, start: number, end: number): void {
    const run = this.chunks[chunk]!;
    run.splice(2 * block, 0, start, end);
    if (run.length > 2 * this.chunkBlocks) this.chunks.splice(chunk + 1, 0, run.splice(2 * (run.length >>> 2)));
  }

  /** Drop every block before the one at `chunk`, `block`. */
  private dropBefore(chunk: number, block: number): void {
    const chunks = this.chunks;
    chunks.splice(0, chunk);
    const first = chunks[0];
    if (first === undefined) return;
    first.splice(0, 2 * block);
    if (first.length === 0) chunks.shift();
  }
}

/** The first block of a run whose start (START) or end (END) is above `value` (the run's last one is). */
function firstAboveIn(run: readonly number[], bound: typeof START | typeof END, value: number): number {
  let low = 0;
  let high = run.length >>> 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (run[2 * middle + bound]! > value) high = middle;
    else low = middle + 1;
  }
  return low;
}
