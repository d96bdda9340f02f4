/**
 * The offenders a rule lists: those of the lowest stream numbers, at most `limit` of them, while
 * every offender is counted. Connections are judged in the order they are let go of, which is
 * nearly stream order, so the list is held up to twice its limit and cut back to the lowest
 * streams when it reaches that: a check of a capture where 80,000 connections break a rule keeps
 * no more than that, where listing them all took 18 MB of text and 180 MB more memory.
 */
export class OffenderList<T extends { stream: number }> {
  private kept: T[] = [];
  private total = 0;

  constructor(private readonly limit: number) {}

  add(offender: T): void {
    this.total++;
    if (this.limit === 0) return;
    this.kept.push(offender);
    if (this.kept.length >= 2 * this.limit) this.cutBack();
  }

  /** How many offended, listed or not. */
  get count(): number {
    return this.total;
  }

  /** The listed offenders, in stream order. */
  listed(): T[] {
    this.cutBack();
    return this.kept;
  }

  private cutBack(): void {
    this.kept.sort((a, b) => a.stream - b.stream);
    if (this.kept.length > this.limit) this.kept.length = this.limit;
  }
}
