import { describe, expect, it } from "vitest";
import { CaptureTime } from "../../../src/capture/timestamp.js";
import { RoundTrips } from "../../../src/track/observer/round-trips.js";

/** A capture time `millis` after a fixed start. */
function at(millis: number): CaptureTime {
  return new CaptureTime(1_700_000_000, millis * 1_000_000);
}

describe("each endpoint's latest round trip", () => {
  it("times a segment carrying new sequence space to the peer's first ACK covering it", () => {
    const trips = new RoundTrips();
    expect(trips.latest("client")).toBeNaN();
    trips.sent("client", 1000, 1001, at(0));
    trips.acknowledged("server", 1000, at(3));
    expect(trips.latest("client")).toBeNaN();
    trips.acknowledged("server", 1001, at(5));
    expect(trips.latest("client")).toBeCloseTo(0.005, 6);
    expect(trips.latest("server")).toBeNaN();
  });

  it("times one segment at a time: one sent while another is timed is not", () => {
    const trips = new RoundTrips();
    trips.sent("server", 0, 100, at(0));
    trips.sent("server", 100, 200, at(40));
    trips.acknowledged("client", 200, at(50));
    expect(trips.latest("server")).toBeCloseTo(0.05, 6);
  });

  it("gives a timing up when what it times is sent again (Karn's rule), and starts none from a repeat", () => {
    const trips = new RoundTrips();
    trips.sent("client", 0, 100, at(0));
    trips.sent("client", 0, 100, at(200));
    trips.acknowledged("server", 100, at(201));
    expect(trips.latest("client")).toBeNaN();
    trips.sent("client", 0, 100, at(300));
    trips.acknowledged("server", 100, at(301));
    expect(trips.latest("client")).toBeNaN();
    trips.sent("client", 100, 150, at(400));
    trips.acknowledged("server", 150, at(402));
    expect(trips.latest("client")).toBeCloseTo(0.002, 6);
  });

  it("takes no timing from a segment that carries no sequence space (a bare ACK)", () => {
    const trips = new RoundTrips();
    trips.sent("client", 7, 7, at(0));
    trips.acknowledged("server", 8, at(1));
    expect(trips.latest("client")).toBeNaN();
  });
});
