import { describe, expect, it } from "vitest";
import { CLIENT_ISN, SERVER_ISN, ZeekConversation, established } from "./zeek-conversation.js";

/**
 * The history's repetition rules (TCPSessionAdapter.cc update_history, TCP_Endpoint::CheckHistory,
 * Connection::ScaledHistoryEntry), scenario by scenario.
 */
const PING = { len: 5 };

describe("A and D: once per direction", () => {
  it("records the first pure ACK and the first data of each side only", () => {
    const c = established();
    c.send("client", "PA", PING)
      .send("server", "A")
      .send("client", "PA", PING)
      .send("server", "PA", PING)
      .send("server", "PA", PING);
    c.send("client", "A").send("server", "A");
    expect(c.history).toBe("ShADad");
  });

  it("gives a data segment that carries a FIN only the F", () => {
    const c = established().send("client", "FPA", PING);
    expect(c.history).toBe("ShAF");
  });
});

describe("T: retransmissions at the 1st, 10th, 100th", () => {
  it("writes T once for 1 to 9 repeats, again at the 10th and at the 100th", () => {
    const c = established().send("client", "PA", PING);
    const again = { ...PING, seq: CLIENT_ISN + 1 };
    c.send("client", "PA", again);
    expect(c.history).toBe("ShADT");
    c.repeat(8, "client", "PA", again);
    expect(c.history).toBe("ShADT");
    c.send("client", "PA", again);
    expect(c.history).toBe("ShADTT");
    c.repeat(89, "client", "PA", again);
    expect(c.history).toBe("ShADTT");
    c.send("client", "PA", again);
    expect(c.history).toBe("ShADTTT");
    c.repeat(899, "client", "PA", again);
    expect(c.history).toBe("ShADTTT");
    c.send("client", "PA", again);
    expect(c.history).toBe("ShADTTTT");
  });

  it("counts each side on its own, in its own case", () => {
    const c = established()
      .send("server", "PA", PING)
      .send("server", "PA", { ...PING, seq: SERVER_ISN + 1 });
    expect(c.history).toBe("ShAdt");
  });

  it("does not call a keep-alive without payload a retransmission", () => {
    const c = established().send("client", "A", { seq: CLIENT_ISN });
    expect(c.history).toBe("ShA");
  });

  it("calls a SYN with data a retransmission, as Zeek's own bookkeeping does", () => {
    // init_endpoint sets last_seq past the SYN's data before update_last_seq compares with it.
    const c = new ZeekConversation().send("client", "S", PING);
    expect(c.history).toBe("ST");
  });
});

describe("W: zero windows at the 1st, 10th, 100th", () => {
  it("writes w at the server's 1st, 10th and 100th zero window", () => {
    const c = established().send("server", "A", { window: 0 });
    expect(c.history).toBe("ShAaw");
    c.repeat(8, "server", "A", { window: 0 });
    expect(c.history).toBe("ShAaw");
    c.send("server", "A", { window: 0 });
    expect(c.history).toBe("ShAaww");
    c.repeat(90, "server", "A", { window: 0 });
    expect(c.history).toBe("ShAawww");
  });

  it("ignores a zero window on a RST, after the sender's RST, and after the peer's FIN", () => {
    expect(established().send("client", "RA", { window: 0 }).history).toBe("ShAR");
    expect(established().send("client", "R").send("client", "A", { window: 0 }).history).toBe("ShAR");
    expect(established().send("client", "FA").send("server", "A", { window: 0 }).history).toBe("ShAFa");
  });

  it("counts a zero window from a side that has itself closed", () => {
    expect(established().send("server", "FA").send("server", "A", { window: 0 }).history).toBe("ShAfaw");
  });
});

describe("S, H, F, R: again only at a new sequence number", () => {
  it("writes one S for a SYN and its retransmissions (same ISN)", () => {
    const c = new ZeekConversation()
      .send("client", "S")
      .send("client", "S", { seq: CLIENT_ISN })
      .send("client", "S", { seq: CLIENT_ISN });
    expect(c.verdict).toEqual({ connState: "S0", history: "S" });
  });

  it("writes h again for a SYN-ACK at a new ISN after the server's RST, not for one at the old ISN", () => {
    const same = new ZeekConversation()
      .send("client", "S")
      .send("server", "SA")
      .send("server", "RA", { seq: SERVER_ISN + 1 });
    same.send("server", "SA", { seq: SERVER_ISN });
    expect(same.history).toBe("Shr");
    const moved = new ZeekConversation()
      .send("client", "S")
      .send("server", "SA")
      .send("server", "RA", { seq: SERVER_ISN + 1 });
    moved.send("server", "SA", { seq: SERVER_ISN + 70000 });
    expect(moved.history).toBe("Shrh");
  });

  it("writes one F for a FIN and its retransmission, another for a FIN at a new place", () => {
    const c = established()
      .send("client", "FA")
      .send("client", "FA", { seq: CLIENT_ISN + 1 });
    expect(c.history).toBe("ShAF");
    c.send("client", "FPA", { ...PING, seq: CLIENT_ISN + 2 });
    expect(c.history).toBe("ShAFF");
  });

  it("writes one R for a repeated RST, another for a RST at a new sequence number", () => {
    const c = established()
      .send("client", "R")
      .send("client", "R", { seq: CLIENT_ISN + 1 });
    expect(c.history).toBe("ShAR");
    c.send("client", "R", { seq: CLIENT_ISN + 100 });
    expect(c.history).toBe("ShARR");
  });
});

describe("I and Q: odd flag combinations, once per direction", () => {
  it("writes I for FIN+RST and Q for SYN+FIN", () => {
    expect(established().send("client", "FRA").send("client", "FRA").history).toBe("ShAI");
    expect(new ZeekConversation().send("client", "SF").send("client", "SF").history).toBe("Q");
  });
});

describe("G: content gaps", () => {
  it("writes G when the server acknowledges client bytes the capture never saw", () => {
    const c = established()
      .send("client", "PA", PING)
      .send("client", "PA", { len: 5, seq: CLIENT_ISN + 11 });
    c.send("server", "A", { ack: CLIENT_ISN + 16 });
    expect(c.history).toBe("ShADaG");
  });

  it("writes G for bytes cut by the snap length, once they are acknowledged", () => {
    const c = established().send("client", "PA", { len: 5, captured: 2 }).send("server", "A");
    expect(c.history).toBe("ShADaG");
  });

  it("writes no G when the ACK also covers the FIN", () => {
    const c = established().send("client", "PA", PING).send("client", "FA").send("server", "A");
    expect(c.history).toBe("ShADFa");
  });
});

describe("^: Zeek flips the roles", () => {
  it("makes the side on a likely server port the responder when the first segment is not a SYN", () => {
    const c = new ZeekConversation({ client: 40000, server: 80 })
      .send("server", "FA")
      .send("client", "A")
      .send("client", "FA")
      .send("server", "A");
    expect(c.verdict).toEqual({ connState: "SF", history: "^fAFa" });
  });

  it("flips a leading SYN-ACK from a likely server port towards an unlisted one", () => {
    const c = new ZeekConversation({ client: 40000, server: 443 })
      .send("server", "SA", { ack: CLIENT_ISN + 1 })
      .send("client", "A");
    expect(c.verdict).toEqual({ connState: "S1", history: "^hA" });
  });

  it("keeps the originator when the first segment is a SYN, whatever the ports", () => {
    const c = new ZeekConversation({ client: 80, server: 40000 }).send("client", "S");
    expect(c.history).toBe("S");
  });

  it("flips a leading SYN-ACK from an unlisted port once an ACK follows, rewriting the history", () => {
    const c = new ZeekConversation().send("server", "SA", { ack: CLIENT_ISN + 1 });
    expect(c.history).toBe("H");
    c.send("client", "A").send("client", "PA", PING).send("server", "A");
    expect(c.verdict).toEqual({ connState: "OTH", history: "^hADa" });
  });

  it("does not flip a leading SYN-ACK answered by a RST (a stealth scan's answer)", () => {
    const c = new ZeekConversation()
      .send("server", "SA", { ack: CLIENT_ISN + 1 })
      .send("client", "R", { seq: CLIENT_ISN + 1 });
    expect(c.verdict).toEqual({ connState: "REJ", history: "Hr" });
  });

  it("flips when the SYN comes after its own SYN-ACK (SYN/SYN-ACK reversal)", () => {
    const c = new ZeekConversation()
      .send("server", "SA", { ack: CLIENT_ISN + 1 })
      .send("client", "S")
      .send("client", "A");
    expect(c.verdict).toEqual({ connState: "S1", history: "Hs^A" });
  });
});
