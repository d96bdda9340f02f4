import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Endpoint } from "../../src/track/endpoint.js";
import { seqGt } from "../../src/track/seq.js";
import { CLIENT_ISN, Conversation, SERVER_ISN, established } from "./conversation.js";

const sequenceNumber = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.constantFrom(0, 2 ** 30, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1),
);

describe("an endpoint's sequence numbers", () => {
  it("read back as set, unsigned, each apart from the others, and unknown until set or once cleared", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("isn", "finSeq", "nextSeq", "lastAck"),
            fc.option(sequenceNumber, { nil: undefined }),
          ),
        ),
        fc.array(sequenceNumber, { maxLength: 1 }),
        (stores, bases) => {
          const endpoint = new Endpoint("10.0.0.1", 80);
          const expected: Record<string, number | undefined> = {};
          for (const [field, value] of stores) {
            endpoint[field] = value;
            expected[field] = value;
          }
          for (const base of bases) endpoint.baseSeq = base;
          for (const field of ["isn", "finSeq", "nextSeq", "lastAck"] as const)
            expect(endpoint[field]).toBe(expected[field]);
          expect(endpoint.baseSeq).toBe(bases[0] ?? 0);
        },
      ),
    );
  });

  it("keep apart from its yes-or-no facts, which read back as set, each apart from the others", () => {
    const facts = ["baseSet", "sackPermitted", "timestamps", "sentSyn", "sentSynAck", "sentFin", "sentRst"] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.tuple(fc.constantFrom(...facts), fc.boolean()), fc.tuple(fc.constant("isn"), sequenceNumber)),
        ),
        (stores) => {
          const endpoint = new Endpoint("10.0.0.1", 80);
          const expected: Record<string, boolean | number | undefined> = {};
          for (const [field, value] of stores) {
            if (field === "isn") endpoint.isn = value as number;
            else endpoint[field] = value as boolean;
            expected[field] = value;
          }
          for (const fact of facts) expect(endpoint[fact]).toBe(expected[fact] ?? false);
          expect(endpoint.isn).toBe(expected.isn);
        },
      ),
    );
  });

  it("are the numbers the segments carried, past 2^31", () => {
    const c = established();
    c.send("client", "PA", { len: 100 });
    c.send("server", "FA");
    const { client, server } = c.connection;
    expect(CLIENT_ISN).toBeGreaterThan(2 ** 31);
    expect([client.isn, client.baseSeq, client.nextSeq, client.lastAck]).toEqual([
      CLIENT_ISN,
      CLIENT_ISN,
      CLIENT_ISN + 101,
      SERVER_ISN + 1,
    ]);
    expect([server.isn, server.finSeq, server.nextSeq, server.lastAck]).toEqual([
      SERVER_ISN,
      SERVER_ISN + 1,
      SERVER_ISN + 2,
      CLIENT_ISN + 101,
    ]);
    expect(client.finSeq).toBeUndefined();
  });

  it("wrap past 2^32 - 1 to 0 (RFC 9293 §3.4)", () => {
    const c = new Conversation();
    c.next.client = 2 ** 32 - 1;
    c.send("client", "S");
    c.send("server", "SA");
    c.send("client", "FA");
    const { client, server } = c.connection;
    expect([client.isn, client.finSeq, client.nextSeq, server.lastAck]).toEqual([2 ** 32 - 1, 0, 1, 0]);
    expect(c.last?.seq).toBe(1);
  });

  it("keep the furthest sent and acknowledged, modulo 2^32, as plain comparisons of the getters would", () => {
    const send = fc.tuple(sequenceNumber, fc.option(sequenceNumber, { nil: undefined }));
    fc.assert(
      fc.property(fc.array(send, { maxLength: 8 }), (sends) => {
        const endpoint = new Endpoint("10.0.0.1", 80);
        let nextSeq: number | undefined;
        let lastAck: number | undefined;
        for (const [end, ack] of sends) {
          endpoint.sent(end, ack);
          if (nextSeq === undefined || seqGt(end, nextSeq)) nextSeq = end;
          if (ack !== undefined && (lastAck === undefined || seqGt(ack, lastAck))) lastAck = ack;
        }
        expect([endpoint.nextSeq, endpoint.lastAck]).toEqual([nextSeq, lastAck]);
      }),
    );
  });
});
