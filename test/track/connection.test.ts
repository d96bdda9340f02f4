import { describe, expect, it } from "vitest";
import { Connection } from "../../src/track/connection.js";
import { Endpoint } from "../../src/track/endpoint.js";

function connection(): Connection {
  return new Connection(0, new Endpoint("10.0.0.1", 40000), new Endpoint("10.0.0.2", 80), 1, {
    seconds: 1_700_000_000,
    nanos: 250_000_000,
  });
}

describe("Connection", () => {
  it("counts each finding per segment, in the order first seen, however many there are", () => {
    const none = connection();
    expect([none.findingCounts, none.findingRecord()]).toEqual([undefined, undefined]);
    const once = connection();
    once.countFindings(["reused_ports"]);
    expect(once.findingRecord()).toEqual({ reused_ports: 1 });
    expect(once.findingCounts).toEqual(new Map([["reused_ports", 1]]));
    const twice = connection();
    twice.countFindings(["retransmission"]);
    twice.countFindings(["retransmission"]);
    expect(twice.findingRecord()).toEqual({ retransmission: 2 });
    const mixed = connection();
    mixed.countFindings(["reused_ports"]);
    mixed.countFindings(["duplicate_ack", "lost_segment"]);
    mixed.countFindings(["duplicate_ack"]);
    expect([...mixed.findingCounts!]).toEqual([
      ["reused_ports", 1],
      ["duplicate_ack", 2],
      ["lost_segment", 1],
    ]);
  });

  it("a count read is a copy: changing it changes nothing kept", () => {
    const counted = connection();
    counted.countFindings(["reused_ports"]);
    counted.findingCounts!.set("reused_ports", 5);
    counted.findingRecord()!.reused_ports = 7;
    expect(counted.findingRecord()).toEqual({ reused_ports: 1 });
  });

  it("keeps its first time as given, and each yes-or-no fact apart", () => {
    const opened = connection();
    expect(opened.firstTime).toEqual({ seconds: 1_700_000_000, nanos: 250_000_000 });
    expect(opened.secondsSinceFirst({ seconds: 1_700_000_002, nanos: 0 })).toBeCloseTo(1.75, 9);
    expect([opened.assumedEstablished, opened.reusedPorts, opened.retired]).toEqual([false, false, false]);
    opened.reusedPorts = true;
    expect([opened.assumedEstablished, opened.reusedPorts, opened.retired]).toEqual([false, true, false]);
    opened.retired = true;
    opened.assumedEstablished = true;
    opened.reusedPorts = false;
    expect([opened.assumedEstablished, opened.reusedPorts, opened.retired]).toEqual([true, false, true]);
  });
});
