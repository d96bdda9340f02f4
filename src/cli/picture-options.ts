import type { Command } from "commander";
import { addCommonOptions, type CommonOptions } from "./common-options.js";

/** The options the picture commands (diagram, report) share. */
export interface PictureOptions extends CommonOptions {
  full: boolean;
}

export function addPictureOptions(command: Command): Command {
  return addCommonOptions(command).option(
    "--full",
    "draw every segment: do not fold the data phase of long connections",
    false,
  );
}
