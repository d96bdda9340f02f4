import { TcpFlag } from "../../decode/segment.js";
import type { ZeekEndpoint } from "./endpoint.js";
import { HistoryLetter, HistoryMask, type HistoryRecorder } from "./history.js";

/**
 * update_history (TCPSessionAdapter.cc): the letter a segment earns from its flags. Several of
 * SYN/FIN/RST at once give I (FIN+RST) or Q (SYN with FIN or RST), once per direction. One of
 * them gives S or H, F, R, again only where the flag sits at a new sequence number (a FIN's place
 * is after its data). None gives D for data, else A for an ACK, once per direction.
 */
export function recordPacketHistory(
  history: HistoryRecorder,
  endpoint: ZeekEndpoint,
  flags: number,
  relSeq: number,
  len: number,
): void {
  const isOrig = endpoint.isOrig;
  const syn = (flags & TcpFlag.SYN) !== 0;
  const fin = (flags & TcpFlag.FIN) !== 0;
  const rst = (flags & TcpFlag.RST) !== 0;
  const controlFlags = Number(syn) + Number(fin) + Number(rst);
  if (controlFlags > 1) {
    if (fin && rst) history.once(isOrig, HistoryMask.FIN_RST, HistoryLetter.I);
    else history.once(isOrig, HistoryMask.MULTI_FLAG, HistoryLetter.Q);
  } else if (syn) {
    const code = flags & TcpFlag.ACK ? HistoryLetter.H : HistoryLetter.S;
    if (history.once(isOrig, HistoryMask.SYN, code) && relSeq !== endpoint.lastSynSeq) history.add(isOrig, code);
    endpoint.lastSynSeq = relSeq;
  } else if (fin) {
    if (history.once(isOrig, HistoryMask.FIN, HistoryLetter.F) && relSeq + len !== endpoint.lastFinSeq)
      history.add(isOrig, HistoryLetter.F);
    endpoint.lastFinSeq = relSeq + len;
  } else if (rst) {
    if (history.once(isOrig, HistoryMask.RST, HistoryLetter.R) && relSeq !== endpoint.lastRstSeq)
      history.add(isOrig, HistoryLetter.R);
    endpoint.lastRstSeq = relSeq;
  } else if (len > 0) {
    history.once(isOrig, HistoryMask.DATA, HistoryLetter.D);
  } else if (flags & TcpFlag.ACK) {
    history.once(isOrig, HistoryMask.ACK, HistoryLetter.A);
  }
}
