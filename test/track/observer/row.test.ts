import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CaptureTime } from "../../../src/capture/timestamp.js";
import { ConnectionAnalysis } from "../../../src/track/analysis/connection-analysis.js";
import { WINDOW_SCALE_UNKNOWN } from "../../../src/track/analysis/window-scale.js";
import { Connection } from "../../../src/track/connection.js";
import { Endpoint } from "../../../src/track/endpoint.js";
import { NO_CHANGES } from "../../../src/track/observer/change-code.js";
import {
  bothConfidencesOfCodes,
  bothStatesOfCodes,
  ConfidenceCode,
  confidencePairCode,
  ObservedRow,
  RowFact,
  statePairCode,
} from "../../../src/track/observer/row.js";
import { TCP_STATES, type Role } from "../../../src/track/states.js";
import {
  ackedFrameOf,
  ackRttOf,
  initialRttOf,
  madeDetailsOf,
  PlacedSegment,
  scaledWindowOf,
  windowScaleOf,
} from "../../../src/track/tracked-segment.js";
import { clientSegment } from "../../helpers/segment.js";

/** A bare ACK from the client to the server, as frame `frame`. */
function segmentOf(frame: number) {
  return clientSegment({ frame });
}

const stateIndex = fc.integer({ min: 0, max: TCP_STATES.length - 1 });
const statePair = fc.tuple(stateIndex, stateIndex);
const role = fc.constantFrom<Role>("client", "server");
const facts = fc.subarray(Object.values(RowFact)).map((bits) => bits.reduce((all, bit) => all | bit, 0));

describe("ObservedRow", () => {
  it("keeps its sender and facts, its states until told, and later readings apart, as bits and pair codes", () => {
    fc.assert(
      fc.property(role, facts, statePair, statePair, statePair, (from, bits, first, second, later) => {
        const row = new ObservedRow(3, segmentOf(9), from, bits);
        expect(row.from).toBe(from);
        expect(row.repeatsSyn).toBe((bits & RowFact.REPEATS_SYN) !== 0);
        expect(row.rstAcceptable).toBe((bits & RowFact.RST_ACCEPTABLE) !== 0);
        expect(row.told).toBeUndefined();
        row.readAs(statePairCode(...first), NO_CHANGES, [], undefined);
        row.readAs(statePairCode(...second), NO_CHANGES, [], "received-syn");
        expect([row.states, row.statesNow, row.receipt]).toEqual([
          bothStatesOfCodes(...second),
          bothStatesOfCodes(...second),
          "received-syn",
        ]);
        row.markTold();
        expect(row.told).toBe(bothStatesOfCodes(...second));
        // Read again once told: the row reads as told, the latest reading is kept beside it.
        row.readAs(statePairCode(...later), NO_CHANGES, [], "received-fin");
        expect([row.states, row.told, row.statesNow, row.receipt]).toEqual([
          bothStatesOfCodes(...second),
          bothStatesOfCodes(...second),
          bothStatesOfCodes(...later),
          "received-syn",
        ]);
        row.retell();
        expect(row.told).toBe(bothStatesOfCodes(...later));
        expect([row.from, row.repeatsSyn, row.states]).toEqual([
          from,
          (bits & RowFact.REPEATS_SYN) !== 0,
          bothStatesOfCodes(...second),
        ]);
      }),
    );
  });

  it("keeps how a lost row was shown lost", () => {
    const row = new ObservedRow(0, segmentOf(4), "server", 0);
    expect(row.lost).toBeUndefined();
    row.lost = { frame: 12, as: "ack" };
    expect(row.lost).toEqual({ frame: 12, as: "ack" });
    expect(row.told).toBeUndefined();
  });
});

describe("PlacedSegment", () => {
  const client = new Endpoint("10.0.0.1", 40000);
  const server = new Endpoint("10.0.0.2", 80);
  const connection = new Connection(0, client, server, 1, new CaptureTime(1_700_000_000, 0));
  connection.analysis = new ConnectionAnalysis();
  const confidence = fc.constantFrom(...Object.values(ConfidenceCode));

  it("is unknown until told its confidence, which leaves its sender, facts and plain details as they were", () => {
    fc.assert(
      fc.property(
        role,
        facts,
        fc.integer({ min: -2, max: 14 }),
        fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined }),
        confidence,
        confidence,
        (from, bits, windowScale, ackedFrame, clientConfidence, serverConfidence) => {
          const placed = new PlacedSegment(5, segmentOf(20), from, bits, connection, 1, 1);
          placed.analyzed({
            analysis: [],
            findingDetails: undefined,
            windowScale,
            ackedFrame,
            ackRttNanos: undefined,
            showsInitialRtt: false,
          });
          expect(placed.confidence).toBe(bothConfidencesOfCodes(ConfidenceCode.UNKNOWN, ConfidenceCode.UNKNOWN));
          placed.tellConfidence(confidencePairCode(clientConfidence, serverConfidence));
          expect(placed.confidence).toBe(bothConfidencesOfCodes(clientConfidence, serverConfidence));
          expect([placed.from, placed.acksPeerFin]).toEqual([from, (bits & RowFact.ACKS_PEER_FIN) !== 0]);
          const details = placed.analysisDetails;
          expect([details.windowScale, details.ackedFrame]).toEqual([windowScale, ackedFrame]);
          expect(placed.analysisDetails).toBe(details);
        },
      ),
    );
  });
  it("is placed unanalyzed, and its analysis leaves its sender, facts and confidence as they were", () => {
    fc.assert(
      fc.property(role, facts, confidence, confidence, (from, bits, clientConfidence, serverConfidence) => {
        const placed = new PlacedSegment(5, segmentOf(20), from, bits, connection, 1, 1);
        expect([placed.analysis, windowScaleOf(placed), ackedFrameOf(placed), initialRttOf(placed)]).toEqual([
          [],
          WINDOW_SCALE_UNKNOWN,
          undefined,
          undefined,
        ]);
        placed.tellConfidence(confidencePairCode(clientConfidence, serverConfidence));
        placed.analyzed({
          analysis: ["retransmission"],
          findingDetails: undefined,
          windowScale: 7,
          ackedFrame: 3,
          ackRttNanos: 1000,
          showsInitialRtt: false,
        });
        expect(placed.confidence).toBe(bothConfidencesOfCodes(clientConfidence, serverConfidence));
        expect([placed.from, placed.acksPeerFin]).toEqual([from, (bits & RowFact.ACKS_PEER_FIN) !== 0]);
        expect([placed.analysis, windowScaleOf(placed), ackedFrameOf(placed), ackRttOf(placed)]).toEqual([
          ["retransmission"],
          7,
          3,
          0.000001,
        ]);
      }),
    );
  });
  it("reads a plain segment's detail numbers as its analysisDetails say them, without making them", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2, max: 14 }),
        fc.option(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 10 ** 12 }), { nil: undefined }),
        fc.boolean(),
        (windowScale, ackedFrame, ackRttNanos, showsInitialRtt) => {
          const placed = new PlacedSegment(5, segmentOf(20), "client", 0, connection, 1, 1);
          placed.analyzed({
            analysis: [],
            findingDetails: undefined,
            windowScale,
            ackedFrame,
            ackRttNanos,
            showsInitialRtt,
          });
          const read = () => [
            scaledWindowOf(placed),
            windowScaleOf(placed),
            ackedFrameOf(placed),
            ackRttOf(placed),
            initialRttOf(placed),
          ];
          const numbers = read();
          expect(madeDetailsOf(placed)).toBeUndefined();
          const details = placed.analysisDetails;
          expect(numbers).toEqual([
            details.windowScaled,
            details.windowScale,
            details.ackedFrame,
            details.ackRtt,
            details.initialRtt,
          ]);
          expect(madeDetailsOf(placed)).toBe(details);
          expect(read()).toEqual(numbers);
        },
      ),
    );
  });
});
