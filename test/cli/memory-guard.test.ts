import { describe, expect, it } from "vitest";
import { CaptureError } from "../../src/capture/index.js";
import type { Frame } from "../../src/capture/frame.js";
import { MemoryGuard } from "../../src/cli/memory-guard.js";

const LIMIT = 4_000_000_000;
const frame = { index: 1234, offset: 98765 } as Frame;

/** What the guard says at `frame` after a full collection left `live` bytes in use. */
function afterCollectionLeaving(live: number): CaptureError | undefined {
  const guard = new MemoryGuard(() => ({ used_heap_size: live, heap_size_limit: LIMIT }));
  try {
    guard.afterFullCollection();
    return guard.stopAt(frame, "flood.pcap");
  } finally {
    guard.stop();
  }
}

describe("MemoryGuard", () => {
  it("lets reading go on while what a full collection leaves live is at most 80% of the heap's limit", () => {
    expect(afterCollectionLeaving(0.8 * LIMIT)).toBeUndefined();
  });

  it("past it, stops reading at the frame reached with one error naming the file, frame and byte", () => {
    const error = afterCollectionLeaving(0.9 * LIMIT);
    expect(error).toBeInstanceOf(CaptureError);
    expect(error).toMatchObject({ kind: "too-large", file: "flood.pcap", frame: 1234, offset: 98765 });
    expect(error?.message).toBe(
      "out of memory: 3600 MB of the 4000 MB heap stay in use, held by connections that have not ended; reading stopped here and what came before is reported",
    );
  });
});
