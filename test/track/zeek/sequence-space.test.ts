import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TcpFlag } from "../../../src/decode/segment.js";
import { seqAdd } from "../../../src/track/seq.js";
import { ZeekEndpoint } from "../../../src/track/zeek/endpoint.js";

/**
 * An endpoint keeps its raw 32-bit sequence numbers as int32, so those at or above 2^31 are stored
 * negative: whatever the ISN, and across the wrap to 0, what it answers must still be the plain
 * 64-bit count of the bytes sent (get_relative_seq, ToRelativeSeqSpace, TCP_Endpoint::Size).
 */
interface Chunk {
  len: number;
  /** Sent again right after, at the same place: a retransmission. */
  resent: boolean;
  /** The peer acknowledges everything sent so far after this chunk. */
  acked: boolean;
}

const chunk: fc.Arbitrary<Chunk> = fc.record({
  len: fc.integer({ min: 1, max: 65535 }),
  resent: fc.boolean(),
  acked: fc.boolean(),
});

/** ISNs anywhere, and often just below 2^32 so that the stream crosses the wrap to 0. */
const isn = fc.oneof(fc.nat({ max: 2 ** 32 - 1 }), fc.integer({ min: 2 ** 32 - 2 ** 22, max: 2 ** 32 - 1 }));

/** How raw numbers are handed to an endpoint: unsigned, as decoded, or as int32, as the observer hands them on. */
type RawForm = (raw: number) => number;
const UNSIGNED: RawForm = (raw) => raw;
const INT32: RawForm = (raw) => raw | 0;

/** Sends a SYN from `start`, then the chunks in order; checks each answer against the bytes counted. */
function sendStream(start: number, chunks: Chunk[], form: RawForm = UNSIGNED): void {
  const endpoint = new ZeekEndpoint(true);
  endpoint.initFor("INACTIVE", "INACTIVE", TcpFlag.SYN, form(start), form(seqAdd(start, 1)));
  endpoint.setState("ESTABLISHED");
  expect(endpoint.start).toBe(start);
  expect(endpoint.startsAt(form(start))).toBe(true);
  expect(endpoint.relativeSeq(form(start))).toBe(0);
  let sent = 1; // the SYN's sequence number
  let sinceAck = 0;
  const acknowledgeAll = (): void => {
    endpoint.acknowledge(form(seqAdd(start, sent)));
    expect(endpoint.ackedUpTo).toBe(sent);
    expect(endpoint.relativeAck(form(seqAdd(start, sent)))).toBe(sent);
    sinceAck = 0;
  };
  for (const { len, resent, acked } of chunks) {
    const seq = form(seqAdd(start, sent));
    const onePast = form(seqAdd(seq, len));
    expect(endpoint.relativeSeq(seq)).toBe(sent);
    expect(endpoint.advance("ESTABLISHED", TcpFlag.ACK, onePast, len)).toBe(false);
    if (resent) {
      expect(endpoint.relativeSeq(seq)).toBe(sent);
      expect(endpoint.advance("ESTABLISHED", TcpFlag.ACK, onePast, len)).toBe(true);
    }
    sent += len;
    // Acknowledged at least every 15 chunks: an ACK that jumps more than 1 MiB onto 0 is not believed.
    if (acked || ++sinceAck === 15) acknowledgeAll();
  }
  acknowledgeAll();
  const peer = new ZeekEndpoint(false);
  peer.setState("ESTABLISHED");
  expect(endpoint.size(peer)).toBe(sent - 1);
}

describe("Zeek's sequence space kept in 32-bit integers", () => {
  it("numbers every byte from any ISN as the plain count does, across the wrap to 0 too", () => {
    fc.assert(
      fc.property(isn, fc.array(chunk, { minLength: 1, maxLength: 200 }), (start, chunks) => sendStream(start, chunks)),
      { numRuns: 400, seed: 0x5e95 },
    );
  });

  it("answers the same for raw numbers handed in as int32, as the observer hands them on", () => {
    fc.assert(
      fc.property(isn, fc.array(chunk, { minLength: 1, maxLength: 200 }), (start, chunks) =>
        sendStream(start, chunks, INT32),
      ),
      { numRuns: 400, seed: 0x5e96 },
    );
  });

  it("an ISN of 2^32 - 1 (stored as -1): the first data byte is at 0 and still relative 1", () => {
    sendStream(2 ** 32 - 1, [{ len: 100, resent: true, acked: true }]);
  });

  it("a stream longer than 2^32 bytes: the relative numbers keep counting past 2^32", () => {
    const chunks = Array.from({ length: 4 * 1024 + 2 }, () => ({ len: 2 ** 20, resent: false, acked: true }));
    sendStream(2 ** 31 + 5, chunks);
  });
});
