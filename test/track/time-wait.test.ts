import { describe, expect, it } from "vitest";
import { Connection } from "../../src/track/connection.js";
import { Endpoint } from "../../src/track/endpoint.js";
import { TimeWaitClock } from "../../src/track/time-wait.js";

/** A connection whose client is in TIME_WAIT, as an active closer is after the last FIN. */
function closing(stream: number): Connection {
  const connection = new Connection(stream, new Endpoint("10.0.0.1", 40000 + stream), new Endpoint("10.0.0.2", 80), 1, {
    seconds: 0,
    nanos: 0,
  });
  connection.client.state = "TIME_WAIT";
  connection.server.state = "CLOSED";
  return connection;
}

describe("TimeWaitClock", () => {
  it("hands over each TIME_WAIT endpoint 2*MSL after its timer started, in order", () => {
    const clock = new TimeWaitClock(60);
    const [a, b] = [closing(0), closing(1)];
    clock.start(a, a.client, 10);
    clock.start(b, b.client, 20);
    expect(clock.expire(69.9)).toEqual([]);
    expect(clock.expire(75).map((due) => [due.connection.stream, due.deadline, due.endpoint.role])).toEqual([
      [0, 70, "client"],
    ]);
    expect(clock.expire(80).map((due) => due.connection.stream)).toEqual([1]);
  });

  it("a restarted timer runs out 2*MSL after the restart", () => {
    const clock = new TimeWaitClock(60);
    const a = closing(0);
    clock.start(a, a.client, 0);
    clock.start(a, a.client, 30);
    expect(clock.expire(60)).toEqual([]);
    expect(clock.expire(90)).toHaveLength(1);
  });

  it("cancelled timers never run out, however many were cancelled before the rest", () => {
    const clock = new TimeWaitClock(60);
    const connections = Array.from({ length: 5000 }, (_, stream) => closing(stream));
    for (const [i, connection] of connections.entries()) clock.start(connection, connection.client, i / 100);
    for (const connection of connections) if (connection.stream % 50 !== 0) clock.cancel(connection);
    const expired = clock.expire(1000).map((due) => due.connection.stream);
    expect(expired).toEqual(connections.filter((c) => c.stream % 50 === 0).map((c) => c.stream));
  });
});
