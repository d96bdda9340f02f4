import type { Language } from "../../explain/catalog/index.js";
import type { FoldRow } from "./ladder-model.js";
import { formatBytes, formatCount, formatDuration } from "../shared/quantities.js";

/** The pictures' own words (the roles, steps and directions come from TEXT_WORDS). */
export interface DiagramWords {
  /** What stands for folded segments, in phrases that a narrow picture may wrap between. */
  fold(fold: FoldRow): string[];
  /** Beside a lifeline whose TIME_WAIT timer ran out. */
  timeWaitOver: string;
}

function foldFigures(fold: FoldRow) {
  return {
    segments: formatCount(fold.segments),
    frames: `${fold.firstFrame}-${fold.lastFrame}`,
    client: formatBytes(fold.bytes.client),
    server: formatBytes(fold.bytes.server),
    duration: formatDuration(fold.seconds),
  };
}

export const DIAGRAM_WORDS: Record<Language, DiagramWords> = {
  en: {
    fold(fold) {
      const f = foldFigures(fold);
      return [`... ${f.segments} segments (frames ${f.frames}):`, `${f.client} client->server,`, `${f.server} server->client,`, `in ${f.duration} ...`];
    },
    timeWaitOver: "2MSL over",
  },
  zh: {
    fold(fold) {
      const f = foldFigures(fold);
      return [`... ${f.segments} 个报文段(帧 ${f.frames}):`, `客户端->服务器 ${f.client},`, `服务器->客户端 ${f.server},`, `历时 ${f.duration} ...`];
    },
    timeWaitOver: "2MSL 到期",
  },
};
