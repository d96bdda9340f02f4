import { MICROSECONDS, resolutionFromTsresol, type TimestampResolution } from "./timestamp.js";

/** Option codes (draft-ietf-opsawg-pcapng §3.5 for opt_endofopt, §4.2 for the if_ options). */
const OPT_ENDOFOPT = 0;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
const OPTION_HEADER_LENGTH = 4;

/** What an Interface Description Block's options say about its timestamps. */
export interface InterfaceOptions {
  /** if_tsresol, or the default of microseconds when it is absent. */
  resolution: TimestampResolution;
  /** if_tsoffset: seconds to add to every timestamp (default 0). */
  offsetSeconds: number;
  /** What was wrong with the options, if anything; the defaults stand in for what could not be read. */
  problem: string | undefined;
}

/**
 * Reads the options in view[start, end): each is a 16-bit code, a 16-bit length and the value,
 * padded to 32 bits (§3.5). Only the two that change timestamps matter here.
 */
export function readInterfaceOptions(
  view: DataView,
  start: number,
  end: number,
  littleEndian: boolean,
): InterfaceOptions {
  const options: InterfaceOptions = { resolution: MICROSECONDS, offsetSeconds: 0, problem: undefined };
  let pos = start;
  while (end - pos >= OPTION_HEADER_LENGTH) {
    const code = view.getUint16(pos, littleEndian);
    const length = view.getUint16(pos + 2, littleEndian);
    if (code === OPT_ENDOFOPT) break;
    const valueStart = pos + OPTION_HEADER_LENGTH;
    if (valueStart + length > end) {
      options.problem = `option ${code} claims ${length} bytes, more than the ${end - valueStart} left in the block`;
      break;
    }
    readTimestampOption(options, view, code, length, valueStart, littleEndian);
    pos = valueStart + paddedTo32Bits(length);
  }
  return options;
}

function readTimestampOption(
  options: InterfaceOptions,
  view: DataView,
  code: number,
  length: number,
  valueStart: number,
  littleEndian: boolean,
): void {
  if (code === IF_TSRESOL) {
    if (length === 1) options.resolution = resolutionFromTsresol(view.getUint8(valueStart));
    else options.problem = `its if_tsresol option is ${length} bytes long instead of 1`;
  } else if (code === IF_TSOFFSET) {
    if (length === 8) options.offsetSeconds = Number(view.getBigInt64(valueStart, littleEndian));
    else options.problem = `its if_tsoffset option is ${length} bytes long instead of 8`;
  }
}

function paddedTo32Bits(length: number): number {
  return (length + 3) & ~3;
}
