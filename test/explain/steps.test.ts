import { describe, expect, it } from "vitest";
import { Explainer } from "../../src/explain/explainer.js";
import type { Step } from "../../src/explain/step.js";
import { ConnectionProgress } from "../../src/explain/progress.js";
import type { Role } from "../../src/track/states.js";
import { Conversation, SERVER_ISN, type SendOptions } from "../track/conversation.js";

/** Sends segments through a tracker and an explainer, keeping each segment's step object. */
class Script {
  readonly conversation = new Conversation();
  readonly explainer = new Explainer({ timeWaitSeconds: 60 });
  readonly steps: Array<Step | null> = [];

  send(from: Role, flags: string, options: SendOptions = {}): this {
    this.steps.push(this.explainer.explain(this.conversation.send(from, flags, options)).step);
    return this;
  }

  handshake(): this {
    return this.send("client", "S").send("server", "SA").send("client", "A");
  }

  /** Steps as "phase n/of", read after the whole script ran (counts decided late are filled in). */
  labels(): string[] {
    return this.steps.map((step) => (step === null ? "-" : `${step.phase} ${step.n}/${step.of}`));
  }
}

describe("handshake and teardown steps", () => {
  it("numbers a handshake and a four-way teardown", () => {
    const script = new Script().handshake().send("client", "PA", { len: 7 }).send("server", "A");
    script.send("client", "FA").send("server", "A").send("server", "FA").send("client", "A");
    expect(script.labels()).toEqual([
      "handshake 1/3",
      "handshake 2/3",
      "handshake 3/3",
      "-",
      "-",
      "teardown 1/4",
      "teardown 2/4",
      "teardown 3/4",
      "teardown 4/4",
    ]);
  });

  it("counts 3 when the FIN carries the ACK of the peer's FIN, deciding step 1's count on the answer", () => {
    const script = new Script().handshake().send("client", "FA");
    expect(script.steps.at(-1)).toEqual({ phase: "teardown", n: 1, of: 0 });
    script.send("server", "FA").send("client", "A");
    expect(script.labels().slice(3)).toEqual(["teardown 1/3", "teardown 2/3", "teardown 3/3"]);
  });

  it("counts 4 for a simultaneous close", () => {
    const script = new Script().handshake().send("client", "FA");
    const clientFin = script.conversation.next.client;
    script
      .send("server", "FA", { ack: clientFin - 1 })
      .send("client", "A")
      .send("server", "A");
    expect(script.labels().slice(3)).toEqual(["teardown 1/4", "teardown 2/4", "teardown 3/4", "teardown 4/4"]);
  });

  it("counts 4 for a simultaneous open", () => {
    const script = new Script().send("client", "S").send("server", "S");
    script.send("client", "SA", { seq: script.conversation.next.client - 1 }).send("server", "SA", { seq: SERVER_ISN });
    expect(script.labels()).toEqual(["handshake 1/4", "handshake 2/4", "handshake 3/4", "handshake 4/4"]);
  });

  it("repeats a step for a retransmitted SYN or FIN", () => {
    const script = new Script()
      .send("client", "S")
      .send("client", "S", { seq: script0Isn() })
      .send("server", "SA")
      .send("client", "A");
    expect(script.labels()).toEqual(["handshake 1/3", "handshake 1/3", "handshake 2/3", "handshake 3/3"]);
  });

  it("leaves a teardown's count to settle() when no answer comes", () => {
    const script = new Script().handshake().send("client", "FA");
    script.explainer.settle(script.conversation.connection);
    expect(script.labels().at(-1)).toBe("teardown 1/4");
  });
});

function script0Isn(): number {
  return new Conversation().next.client;
}

describe("two explainers on one connection", () => {
  it("each keeps its own progress, and forgets its own alone", () => {
    const conversation = new Conversation();
    const first = new Explainer({ timeWaitSeconds: 60 });
    const second = new Explainer({ timeWaitSeconds: 60 });
    const label = (step: Step | null) => (step === null ? "-" : `${step.phase} ${step.n}/${step.of}`);
    const firstSteps: Array<Step | null> = [];
    const secondSteps: Array<Step | null> = [];
    const send = (from: Role, flags: string, toSecond = true) => {
      const tracked = conversation.send(from, flags);
      firstSteps.push(first.explain(tracked).step);
      if (toSecond) secondSteps.push(second.explain(tracked).step);
    };
    send("client", "S");
    // The second explainer has not seen the handshake's first steps: its teardown is its own.
    send("server", "SA", false);
    send("client", "A", false);
    send("client", "FA");
    send("server", "A");
    // Forgetting in one leaves the other's progress where it was.
    second.forget(conversation.connection);
    send("server", "FA");
    send("client", "A");
    expect(firstSteps.map(label)).toEqual([
      "handshake 1/3",
      "handshake 2/3",
      "handshake 3/3",
      "teardown 1/4",
      "teardown 2/4",
      "teardown 3/4",
      "teardown 4/4",
    ]);
    // Its handshake's count was never decided: it saw no SYN-ACK, whatever the first one saw.
    expect(secondSteps.map(label)).toEqual([
      "handshake 1/0",
      "teardown 1/4",
      "teardown 2/4",
      "teardown 3/4",
      "teardown 4/4",
    ]);
    const kept = () =>
      (conversation.connection.readerStates ?? []).filter((state) => state instanceof ConnectionProgress);
    // The second made its progress anew after it forgot it; forgetting in the first drops the first's alone.
    expect(kept()).toHaveLength(2);
    first.forget(conversation.connection);
    expect(kept()).toHaveLength(1);
  });
});
