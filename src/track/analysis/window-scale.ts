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

export interface ScalePair {
  sender: WindowScale;
  receiver: WindowScale;
}

/**
 * After a SYN or SYN-ACK (verify_tcp_window_scaling): scaling is used only if both SYNs offered it
 * (RFC 7323 §2.2). A SYN without the option means no scaling either way (the receiver is set too,
 * in case its SYN-ACK is not captured); a SYN-ACK with it answering a SYN without it is ignored.
 */
export function settleAfterSyn(scales: ScalePair, isSynAck: boolean): ScalePair {
  if (scales.sender === WINDOW_SCALE_UNKNOWN) return { sender: WINDOW_SCALE_NONE, receiver: WINDOW_SCALE_NONE };
  if (isSynAck && scales.receiver === WINDOW_SCALE_NONE)
    return { sender: WINDOW_SCALE_NONE, receiver: scales.receiver };
  return scales;
}
