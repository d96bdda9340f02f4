import type { Command } from "commander";
import { foldLadder } from "../render/diagram/fold.js";
import { ladderOf, type Ladder } from "../render/diagram/ladder-model.js";
import { addCommonOptions, type CommonOptions } from "./common-options.js";
import type { BufferedConnection } from "./read-connections.js";

/** The options the picture commands (diagram, report) share. */
export interface PictureOptions extends CommonOptions {
  full: boolean;
}

export function addPictureOptions(command: Command): Command {
  return addCommonOptions(command).option("--full", "draw every segment: do not fold the data phase of long connections", false);
}

/** The connection's ladder, its data phase folded unless --full. */
export function ladderFor({ connection, events }: BufferedConnection, options: PictureOptions): Ladder {
  const ladder = ladderOf(connection, events);
  return options.full ? ladder : foldLadder(ladder);
}
