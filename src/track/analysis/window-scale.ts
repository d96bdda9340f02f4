import { TcpFlag } from "../../decode/segment.js";

/**
 * Window scaling as Wireshark applies it (packet-tcp.c: win_scale, verify_tcp_window_scaling,
 * dissect_tcpopt_wscale). Each direction holds a shift, or one of two markers:
 * unknown (-1: no handshake seen, tcp.window_size is the raw field) or none (-2: the handshake
 * showed that scaling is not in use).
 */
export const WINDOW_SCALE_UNKNOWN = -1;
export const WINDOW_SCALE_NONE = -2;

/** RFC 7323 §2.3: a shift above 14 is used as 14 (Wireshark does the same). */
const MAX_SHIFT = 14;

/** A direction's window scale: a shift (0..14), WINDOW_SCALE_UNKNOWN or WINDOW_SCALE_NONE. */
export type WindowScale = number;

/** The shift a window-scale option sets for its sender, from whatever segment carries it. */
export function shiftOfOption(shift: number): WindowScale {
  return Math.min(shift, MAX_SHIFT);
}

/** tcp.window_size: SYN windows are never scaled (RFC 7323 §2.2); otherwise the raw field shifted when the shift is known. */
export function scaledWindow(rawWindow: number, scale: WindowScale, isSyn: boolean): number {
  return isSyn || scale < 0 ? rawWindow : rawWindow * (1 << scale);
}

/** tcp.window_size of a segment (its raw window and flags), by its sender's scale as it was before the segment. */
export function windowScaledOf(segment: { window: number; flags: number }, scale: WindowScale): number {
  return scaledWindow(segment.window, scale, (segment.flags & TcpFlag.SYN) !== 0);
}

/** A direction's window scale, as its flow holds it. */
export interface ScaledDirection {
  windowScale: WindowScale;
}

/**
 * After a SYN or SYN-ACK (verify_tcp_window_scaling): scaling is used only if both SYNs offered it
 * (RFC 7323 §2.2). A SYN without the option means no scaling either way (the receiver is set too,
 * in case its SYN-ACK is not captured); a SYN-ACK with it answering a SYN without it is ignored.
 * Both directions are set in place (a SYN would otherwise make objects to hand them back).
 */
export function settleAfterSyn(sender: ScaledDirection, receiver: ScaledDirection, isSynAck: boolean): void {
  if (sender.windowScale === WINDOW_SCALE_UNKNOWN) {
    sender.windowScale = WINDOW_SCALE_NONE;
    receiver.windowScale = WINDOW_SCALE_NONE;
  } else if (isSynAck && receiver.windowScale === WINDOW_SCALE_NONE) sender.windowScale = WINDOW_SCALE_NONE;
}
