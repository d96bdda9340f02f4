import { describe, expect, it } from "vitest";
import {
  scaledWindow,
  settleAfterSyn,
  shiftOfOption,
  WINDOW_SCALE_NONE,
  WINDOW_SCALE_UNKNOWN,
} from "../../../src/track/analysis/window-scale.js";

/** Both directions' scales after a SYN (or SYN-ACK) settles them. */
function settled(sender: number, receiver: number, isSynAck: boolean): { sender: number; receiver: number } {
  const senderFlow = { windowScale: sender };
  const receiverFlow = { windowScale: receiver };
  settleAfterSyn(senderFlow, receiverFlow, isSynAck);
  return { sender: senderFlow.windowScale, receiver: receiverFlow.windowScale };
}

/** packet-tcp.c verify_tcp_window_scaling and the scaled window. */
describe("window scale", () => {
  it("is used only when both SYNs offered it", () => {
    expect(settled(7, WINDOW_SCALE_UNKNOWN, false)).toEqual({
      sender: 7,
      receiver: WINDOW_SCALE_UNKNOWN,
    });
    expect(settled(WINDOW_SCALE_UNKNOWN, 7, true)).toEqual({
      sender: WINDOW_SCALE_NONE,
      receiver: WINDOW_SCALE_NONE,
    });
    expect(settled(3, WINDOW_SCALE_NONE, true)).toEqual({
      sender: WINDOW_SCALE_NONE,
      receiver: WINDOW_SCALE_NONE,
    });
    expect(settled(3, 7, true)).toEqual({ sender: 3, receiver: 7 });
  });

  it("shifts the raw field, except on SYNs and while unknown or unused", () => {
    expect(scaledWindow(512, 7, false)).toBe(65536);
    expect(scaledWindow(512, 7, true)).toBe(512);
    expect(scaledWindow(512, WINDOW_SCALE_UNKNOWN, false)).toBe(512);
    expect(scaledWindow(512, WINDOW_SCALE_NONE, false)).toBe(512);
    expect(scaledWindow(65535, shiftOfOption(200), false)).toBe(65535 * 2 ** 14);
  });
});
