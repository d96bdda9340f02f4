import { describe, expect, it } from "vitest";
import {
  scaledWindow,
  settleAfterSyn,
  shiftOfOption,
  WINDOW_SCALE_NONE,
  WINDOW_SCALE_UNKNOWN,
} from "../../../src/track/analysis/window-scale.js";

/** packet-tcp.c verify_tcp_window_scaling and the scaled window. */
describe("window scale", () => {
  it("is used only when both SYNs offered it", () => {
    expect(settleAfterSyn({ sender: 7, receiver: WINDOW_SCALE_UNKNOWN }, false)).toEqual({
      sender: 7,
      receiver: WINDOW_SCALE_UNKNOWN,
    });
    expect(settleAfterSyn({ sender: WINDOW_SCALE_UNKNOWN, receiver: 7 }, true)).toEqual({
      sender: WINDOW_SCALE_NONE,
      receiver: WINDOW_SCALE_NONE,
    });
    expect(settleAfterSyn({ sender: 3, receiver: WINDOW_SCALE_NONE }, true)).toEqual({
      sender: WINDOW_SCALE_NONE,
      receiver: WINDOW_SCALE_NONE,
    });
    expect(settleAfterSyn({ sender: 3, receiver: 7 }, true)).toEqual({ sender: 3, receiver: 7 });
  });

  it("shifts the raw field, except on SYNs and while unknown or unused", () => {
    expect(scaledWindow(512, 7, false)).toBe(65536);
    expect(scaledWindow(512, 7, true)).toBe(512);
    expect(scaledWindow(512, WINDOW_SCALE_UNKNOWN, false)).toBe(512);
    expect(scaledWindow(512, WINDOW_SCALE_NONE, false)).toBe(512);
    expect(scaledWindow(65535, shiftOfOption(200), false)).toBe(65535 * 2 ** 14);
  });
});
