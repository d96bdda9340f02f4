import { describe, expect, it } from "vitest";
import { CaptureTime } from "../../../src/capture/timestamp.js";
import { latestRoundTrip, NO_ROUND_TRIP, timeAcknowledged, timeSent } from "../../../src/track/observer/round-trips.js";

/** A capture time `millis` after a fixed start. */
function at(millis: number): CaptureTime {
  return new CaptureTime(1_700_000_000 + Math.floor(millis / 1000), Math.round((millis % 1000) * 1_000_000));
}

/** One endpoint's numbers, as its owner's table keeps them. */
function numbers(): number[] {
  return [...NO_ROUND_TRIP];
}

describe("an endpoint's latest round trip", () => {
  it("times a segment carrying new sequence space to the peer's first ACK covering it", () => {
    const table = numbers();
    expect(latestRoundTrip(table, 0)).toBeNaN();
    timeSent(table, 0, 1000, 1001, true, at(0));
    timeAcknowledged(table, 0, 1000, at(3));
    expect(latestRoundTrip(table, 0)).toBeNaN();
    timeAcknowledged(table, 0, 1001, at(1005));
    expect(latestRoundTrip(table, 0)).toBeCloseTo(1.005, 9);
  });

  it("times one segment at a time: one sent while another is timed is not", () => {
    const table = numbers();
    timeSent(table, 0, 0, 100, true, at(0));
    timeSent(table, 0, 100, 200, true, at(40));
    timeAcknowledged(table, 0, 200, at(50));
    expect(latestRoundTrip(table, 0)).toBeCloseTo(0.05, 9);
  });

  it("gives a timing up when what it times is sent again (Karn's rule), and starts none from a repeat", () => {
    const table = numbers();
    timeSent(table, 0, 0, 100, true, at(0));
    timeSent(table, 0, 0, 100, false, at(200));
    timeAcknowledged(table, 0, 100, at(201));
    expect(latestRoundTrip(table, 0)).toBeNaN();
    timeSent(table, 0, 0, 100, false, at(300));
    timeAcknowledged(table, 0, 100, at(301));
    expect(latestRoundTrip(table, 0)).toBeNaN();
    timeSent(table, 0, 100, 150, true, at(400));
    timeAcknowledged(table, 0, 150, at(402));
    expect(latestRoundTrip(table, 0)).toBeCloseTo(0.002, 9);
  });

  it("takes no timing from a segment that carries no sequence space (a bare ACK)", () => {
    const table = numbers();
    timeSent(table, 0, 7, 7, false, at(0));
    timeAcknowledged(table, 0, 8, at(1));
    expect(latestRoundTrip(table, 0)).toBeNaN();
  });

  it("times across sequence numbers that wrap, and reads a clock that stepped back as no bound", () => {
    const table = numbers();
    timeSent(table, 0, 0xffffff00, 0x10, true, at(0));
    timeAcknowledged(table, 0, 0x10, at(7));
    expect(latestRoundTrip(table, 0)).toBeCloseTo(0.007, 9);
    timeSent(table, 0, 0x10, 0x20, true, at(5000));
    timeAcknowledged(table, 0, 0x20, at(4000));
    expect(latestRoundTrip(table, 0)).toBe(1000);
  });
});
