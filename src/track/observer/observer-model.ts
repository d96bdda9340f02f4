import type { Connection } from "../connection.js";
import type { ConnectionModel } from "../connection-model.js";
import type { Endpoint } from "../endpoint.js";
import { TimeWaitClock, type TimeWaitExpiry } from "../time-wait.js";
import type { PlacedSegment, TrackedSegment } from "../tracked-segment.js";
import { truncate } from "../truncate.js";
import { Hindsight, historyLimit, type Revision } from "./hindsight.js";

/**
 * The RFC 9293 observer as a model of every connection: both endpoints' states read with hindsight
 * (hindsight.ts), and the TIME-WAIT timers that follow them. A segment is settled once no later
 * segment can change how it reads; the settled segments and the revisions of settled ones wait
 * here until the tracker's caller takes them.
 */
export class ObserverModel implements ConnectionModel {
  private readonly timeWait: TimeWaitClock;
  /** Segments settled since the caller last took them (takeSettled), in order per connection. */
  private settledNow: TrackedSegment[] = NONE_SETTLED;
  /** The list takeSettled handed out before the last one: its reader is done with it, so it takes the next segments settled. */
  private settledSpare: TrackedSegment[] | undefined;
  /** The list takeSettled handed out last, which its reader may still be reading. */
  private settledTaken: TrackedSegment[] | undefined;
  private revisedNow: Revision[] = NONE_REVISED;
  private readonly tell = (tracked: PlacedSegment): void => this.told(tracked);
  /** Connections opened and not retired, and how many rows each may keep for hindsight now. */
  private open = 0;
  private historyLimit = historyLimit(0);

  /** `handsOutSettled` and `wanted`: TrackerOptions.handOutSettled and settledWanted. */
  constructor(
    twoMslSeconds: number,
    private readonly handsOutSettled: boolean,
    private readonly wanted?: (tracked: TrackedSegment) => boolean,
  ) {
    this.timeWait = new TimeWaitClock(twoMslSeconds);
  }

  /** The stream table set the endpoints' starting states: the evidence starts from them. */
  opened(connection: Connection): void {
    connection.hindsight = new Hindsight(connection.client, connection.server);
    this.historyLimit = historyLimit(++this.open);
  }

  /** The observer reads the row with hindsight; what it settles or revises waits for the caller, and TIME_WAIT timers follow it. */
  read(tracked: PlacedSegment): void {
    const connection = tracked.connection;
    const hindsight = connection.hindsight;
    const revisions = hindsight.observe(tracked);
    if (revisions.length > 0) this.revisedNow = this.revisedNow.concat(revisions);
    hindsight.takeSettled(this.tell, this.historyLimit);
    this.followTimeWait(connection, connection.client);
    this.followTimeWait(connection, connection.server);
  }

  /** Its last segments are settled as the evidence reads them now, and its TIME_WAIT timers stop. */
  retired(connection: Connection): void {
    connection.hindsight.finalize(this.tell);
    this.timeWait.cancel(connection);
    connection.hindsight.release();
    this.historyLimit = historyLimit(--this.open);
  }

  /** TIME_WAIT endpoints whose 2*MSL passed by `time` become CLOSED, each change told as of `frame`. */
  expireTimeWait(time: number, frame: number): readonly TimeWaitExpiry[] {
    const due = this.timeWait.expire(time);
    if (due.length === 0) return NO_EXPIRIES;
    const expiries: TimeWaitExpiry[] = [];
    for (const { connection, endpoint, deadline } of due) {
      // Its rows are long settled in all but name: make them final before the timer moves it on.
      connection.hindsight.finalize(this.tell);
      const change = connection.hindsight.expireTimeWait(endpoint.role, frame);
      if (change !== undefined) expiries.push({ connection, change, time: deadline });
    }
    return expiries;
  }

  /** Tracker.takeSettled. */
  takeSettled(): readonly TrackedSegment[] {
    if (this.settledNow.length === 0) return NO_SEGMENTS;
    const settled = this.settledNow;
    this.settledNow = NONE_SETTLED;
    // Two lists take turns, so that settling allocates none once both exist.
    this.settledSpare = this.settledTaken;
    this.settledTaken = settled;
    return settled;
  }

  /** Tracker.takeRevisions. */
  takeRevisions(): readonly Revision[] {
    if (this.revisedNow.length === 0) return NO_REVISIONS;
    const revised = this.revisedNow;
    this.revisedNow = NONE_REVISED;
    return revised;
  }

  /** Settle the connection's segments now, as the evidence reads them so far. */
  settle(connection: Connection): void {
    connection.hindsight.tellAll(this.tell);
  }

  /** A segment is settled: hand it to the caller with how sure each state is. */
  private told(tracked: PlacedSegment): void {
    // Told from now on: its states, changes, notes and receipt stay as they are (ObservedRow.readAs).
    tracked.markTold();
    if (!this.handsOutSettled || (this.wanted !== undefined && !this.wanted(tracked))) return;
    tracked.tellConfidence(tracked.connection.hindsight.confidencePairOf(tracked));
    if (this.settledNow === NONE_SETTLED) this.settledNow = this.emptySettledList();
    this.settledNow.push(tracked);
  }

  /** The spare list emptied, or a new one while there is none. */
  private emptySettledList(): TrackedSegment[] {
    const spare = this.settledSpare;
    if (spare === undefined) return [];
    this.settledSpare = undefined;
    truncate(spare, 0);
    return spare;
  }

  /**
   * The TIME_WAIT timer runs while the endpoint is in TIME_WAIT as the evidence reads it, from when
   * it entered it (RFC 9293 §3.10.7.4: a retransmitted FIN restarts it).
   */
  private followTimeWait(connection: Connection, endpoint: Endpoint): void {
    const since = connection.hindsight.timeWaitSince(endpoint.role);
    const timer = endpoint.timeWaitTimer;
    if (since === undefined) {
      if (timer !== undefined) this.timeWait.stop(endpoint);
    } else if (timer === undefined || timer.since !== since) {
      this.timeWait.start(connection, endpoint, since);
    }
  }
}

const NO_SEGMENTS: readonly TrackedSegment[] = Object.freeze([]);
const NO_REVISIONS: readonly Revision[] = Object.freeze([]);
/** What settledNow and revisedNow hold when empty: frozen, so that they are replaced, never pushed into. */
const NONE_SETTLED = Object.freeze([]) as unknown as TrackedSegment[];
const NONE_REVISED = Object.freeze([]) as unknown as Revision[];
const NO_EXPIRIES: readonly TimeWaitExpiry[] = Object.freeze([]);
