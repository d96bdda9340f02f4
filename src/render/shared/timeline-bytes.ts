import type { EventBytes } from "../../annotate/event-bytes.js";
import type { AnnotationEvent } from "../../annotate/events.js";
import { ByteStore } from "./byte-store.js";
import type { TextOutput } from "./text-output.js";
import type { TimelineView } from "./timeline.js";

/**
 * A timeline's events written ahead as the annotator pushes them (EventBytes), into a store of
 * bytes of its own, and moved into the output at their turn: what the lookahead holds is bytes.
 * `chosen` says whether a segment, timer or revision is of a connection shown; warnings are the
 * view's to show or not.
 */
export class TimelineBytes implements EventBytes {
  private readonly store = new ByteStore();

  constructor(
    private readonly view: TimelineView,
    private readonly output: TextOutput,
    private readonly chosen: (event: Exclude<AnnotationEvent, { kind: "warning" }>) => boolean,
  ) {}

  ahead(event: AnnotationEvent, final: boolean): boolean {
    // A connection not chosen shows nothing (a waiting segment of one is held for its turn all the same).
    if (event.kind !== "warning" && !this.chosen(event)) return true;
    return this.view.ahead(event, final, this.store.writer);
  }

  rest(event: AnnotationEvent): boolean {
    if (event.kind !== "warning" && !this.chosen(event)) return true;
    return this.view.rest(event, this.store.writer);
  }

  get end(): number {
    return this.store.end;
  }

  release(from: number, to: number): void {
    this.store.move(from, to, this.output.bytes);
    this.output.wrote();
  }
}
