import { pathToFileURL } from "node:url";

/**
 * Whether the module with this import.meta is the script node was started with (not an import).
 * @param {ImportMeta} meta
 */
export function isMain(meta) {
  return process.argv[1] !== undefined && meta.url === pathToFileURL(process.argv[1]).href;
}
