/**
 * Where a timeline keeps the lines it writes at the end (the NDJSON connection records), each
 * with its stream number: they are made as connections retire, nearly in stream order, and
 * written out in stream order.
 */
export interface RecordStore {
  add(stream: number, line: string): void;
  /** Every line added, in stream order; read once, at the end. */
  inStreamOrder(): Iterable<string>;
}

/** Lines held in memory: what a library caller gets, and a short capture. */
export class MemoryRecordStore implements RecordStore {
  private readonly records: Array<{ stream: number; line: string }> = [];

  add(stream: number, line: string): void {
    this.records.push({ stream, line });
  }

  inStreamOrder(): Iterable<string> {
    return this.records.sort((a, b) => a.stream - b.stream).map((record) => record.line);
  }
}
