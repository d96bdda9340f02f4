/**
 * Bounds on what a header may claim. A hostile or damaged header can claim gigabytes; the reader
 * refuses such claims when it reads the header, before it waits for or stores any of those bytes.
 */

/** libpcap's MAXIMUM_SNAPLEN, Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD: enough for any ordinary link. */
export const STANDARD_MAX_CAPTURED_LENGTH = 262_144;

/** The largest packet Wireshark accepts on any link type (WTAP_MAX_PACKET_SIZE_DBUS, 128 MiB). */
export const ABSOLUTE_MAX_CAPTURED_LENGTH = 128 * 1024 * 1024;

/**
 * The most bytes one record may claim: the standard maximum, or the file's own snap length when
 * it declares a larger one (never more than the absolute maximum).
 */
export function capturedLengthLimit(snapLength: number): number {
  return Math.max(STANDARD_MAX_CAPTURED_LENGTH, Math.min(snapLength, ABSOLUTE_MAX_CAPTURED_LENGTH));
}

/** The longest pcapng block: the largest packet plus room for the block's fields and options. */
export const MAX_BLOCK_LENGTH = ABSOLUTE_MAX_CAPTURED_LENGTH + 128 * 1024;
