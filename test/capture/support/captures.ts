import { frameOf } from "./collect.js";
import { hex } from "../../helpers/bytes.js";

/*
 * Small captures written out byte by byte, with what the reader must make of them.
 * Classic pcap layout: draft-ietf-opsawg-pcap §4 (file header) and §5 (records);
 * pcapng: draft-ietf-opsawg-pcapng §4.1 to §4.4, Appendix A.
 */

/** The two records every classic pcap sample holds; `fraction` is in the file's unit. */
function pcapFrames(nanosPerFraction: 1 | 1000, fractions: [number, number]) {
  return [
    frameOf({
      index: 1,
      seconds: 1_500_000_000,
      nanos: fractions[0] * nanosPerFraction,
      capLen: 4,
      origLen: 60,
      linkType: 1,
      offset: 24,
      data: "de ad be ef",
    }),
    frameOf({
      index: 2,
      seconds: 1_500_000_001,
      nanos: fractions[1] * nanosPerFraction,
      capLen: 2,
      origLen: 2,
      linkType: 1,
      offset: 44,
      data: "ca fe",
    }),
  ];
}

export const PCAP_MICROS_LITTLE = hex(`
  d4 c3 b2 a1   # magic a1b2c3d4 written little-endian: microseconds
  02 00 04 00   # version 2.4
  00 00 00 00   # thiszone
  00 00 00 00   # sigfigs
  00 00 04 00   # snap length 262144
  01 00 00 00   # link type 1, Ethernet
  # record 1, at byte 24
  00 2f 68 59   # seconds 1500000000
  40 e2 01 00   # microseconds 123456
  04 00 00 00   # captured length 4
  3c 00 00 00   # original length 60
  de ad be ef   # the captured bytes
  # record 2, at byte 44
  01 2f 68 59   # seconds 1500000001
  3f 42 0f 00   # microseconds 999999
  02 00 00 00   # captured length 2
  02 00 00 00   # original length 2
  ca fe
`);
export const PCAP_MICROS_LITTLE_FRAMES = pcapFrames(1000, [123_456, 999_999]);

export const PCAP_MICROS_BIG = hex(`
  a1 b2 c3 d4   # magic a1b2c3d4 written big-endian: microseconds
  00 02 00 04   # version 2.4
  00 00 00 00   # thiszone
  00 00 00 00   # sigfigs
  00 04 00 00   # snap length 262144
  00 00 00 01   # link type 1, Ethernet
  # record 1, at byte 24
  59 68 2f 00   # seconds 1500000000
  00 01 e2 40   # microseconds 123456
  00 00 00 04   # captured length 4
  00 00 00 3c   # original length 60
  de ad be ef
  # record 2, at byte 44
  59 68 2f 01   # seconds 1500000001
  00 0f 42 3f   # microseconds 999999
  00 00 00 02   # captured length 2
  00 00 00 02   # original length 2
  ca fe
`);
export const PCAP_MICROS_BIG_FRAMES = PCAP_MICROS_LITTLE_FRAMES;

export const PCAP_NANOS_LITTLE = hex(`
  4d 3c b2 a1   # magic a1b23c4d written little-endian: nanoseconds
  02 00 04 00   # version 2.4
  00 00 00 00   00 00 00 00   # thiszone, sigfigs
  00 00 04 00   # snap length 262144
  01 00 00 00   # link type 1, Ethernet
  # record 1, at byte 24
  00 2f 68 59   # seconds 1500000000
  15 cd 5b 07   # nanoseconds 123456789
  04 00 00 00   3c 00 00 00   # captured 4, original 60
  de ad be ef
  # record 2, at byte 44
  01 2f 68 59   # seconds 1500000001
  ff c9 9a 3b   # nanoseconds 999999999
  02 00 00 00   02 00 00 00   # captured 2, original 2
  ca fe
`);
export const PCAP_NANOS_LITTLE_FRAMES = pcapFrames(1, [123_456_789, 999_999_999]);

export const PCAP_NANOS_BIG = hex(`
  a1 b2 3c 4d   # magic a1b23c4d written big-endian: nanoseconds
  00 02 00 04   # version 2.4
  00 00 00 00   00 00 00 00   # thiszone, sigfigs
  00 04 00 00   # snap length 262144
  00 00 00 01   # link type 1, Ethernet
  # record 1, at byte 24
  59 68 2f 00   # seconds 1500000000
  07 5b cd 15   # nanoseconds 123456789
  00 00 00 04   00 00 00 3c   # captured 4, original 60
  de ad be ef
  # record 2, at byte 44
  59 68 2f 01   # seconds 1500000001
  3b 9a c9 ff   # nanoseconds 999999999
  00 00 00 02   00 00 00 02   # captured 2, original 2
  ca fe
`);
export const PCAP_NANOS_BIG_FRAMES = PCAP_NANOS_LITTLE_FRAMES;

/**
 * Two sections: the first little-endian, the second big-endian. Each has its own interface 0
 * (Ethernet with the default microseconds, then raw IP with if_tsresol 9): a section starts
 * with no interfaces, so the second EPB's interface 0 is the second section's.
 */
export const PCAPNG_TWO_SECTIONS = hex(`
  # section header block, at byte 0, 28 bytes
  0a 0d 0d 0a   # block type: section header (a palindrome)
  1c 00 00 00   # total length 28
  4d 3c 2b 1a   # byte-order magic 1a2b3c4d, little-endian
  01 00 00 00   # version 1.0
  ff ff ff ff ff ff ff ff   # section length: not given
  1c 00 00 00   # total length again
  # interface description block, at byte 28, 20 bytes: interface 0 of section 1
  01 00 00 00   # block type 1
  14 00 00 00   # total length 20
  01 00 00 00   # link type 1 (Ethernet), reserved
  00 00 00 00   # snap length 0: no limit
  14 00 00 00
  # enhanced packet block, at byte 48, 36 bytes
  06 00 00 00   # block type 6
  24 00 00 00   # total length 36
  00 00 00 00   # interface 0
  3d 54 05 00   90 90 2d f7   # timestamp 0x0005543d_f72d9090 us = 1500000000.250000 s
  03 00 00 00   # captured length 3
  3c 00 00 00   # original length 60
  aa bb cc 00   # 3 bytes, padded to 4
  24 00 00 00
  # section header block, at byte 84: big-endian from here on
  0a 0d 0d 0a   # block type: section header
  00 00 00 1c   # total length 28
  1a 2b 3c 4d   # byte-order magic, big-endian
  00 01 00 00   # version 1.0
  ff ff ff ff ff ff ff ff
  00 00 00 1c
  # interface description block, at byte 112, 32 bytes: interface 0 of section 2
  00 00 00 01   # block type 1
  00 00 00 20   # total length 32
  00 65 00 00   # link type 101 (raw IP), reserved
  00 00 ff ff   # snap length 65535
  00 09 00 01   09 00 00 00   # option if_tsresol (9), 1 byte: 9 -> nanoseconds, padded
  00 00 00 00   # opt_endofopt
  00 00 00 20
  # enhanced packet block, at byte 144, 36 bytes
  00 00 00 06
  00 00 00 24
  00 00 00 00   # interface 0
  14 d1 12 0d   b6 b0 ca 07   # timestamp 1500000001000000007 ns
  00 00 00 04   # captured length 4
  00 00 00 04   # original length 4
  45 00 00 14
  00 00 00 24
`);
export const PCAPNG_TWO_SECTIONS_FRAMES = [
  frameOf({
    index: 1,
    seconds: 1_500_000_000,
    nanos: 250_000_000,
    capLen: 3,
    origLen: 60,
    linkType: 1,
    offset: 48,
    data: "aa bb cc",
  }),
  frameOf({
    index: 2,
    seconds: 1_500_000_001,
    nanos: 7,
    capLen: 4,
    origLen: 4,
    linkType: 101,
    offset: 144,
    data: "45 00 00 14",
  }),
];

/**
 * One little-endian section with three interfaces of different link types and timestamp
 * resolutions (microseconds by default, nanoseconds, 2^-10 s with an offset), every packet block
 * type, and blocks the reader skips (name resolution, statistics, custom, unknown).
 */
export const PCAPNG_INTERFACES = hex(`
  # section header block, at byte 0
  0a 0d 0d 0a   1c 00 00 00   # type, total length 28
  4d 3c 2b 1a   01 00 00 00   # little-endian, version 1.0
  ff ff ff ff ff ff ff ff   1c 00 00 00
  # interface 0, at byte 28: Ethernet, snap length 4, no options (microseconds)
  01 00 00 00   14 00 00 00   # type 1, total length 20
  01 00 00 00   # link type 1
  04 00 00 00   # snap length 4
  14 00 00 00
  # interface 1, at byte 48: raw IP, if_tsresol 9 (nanoseconds)
  01 00 00 00   20 00 00 00   # type 1, total length 32
  65 00 00 00   # link type 101
  00 00 00 00   # snap length 0: no limit
  09 00 01 00   09 00 00 00   # if_tsresol, 1 byte: 9
  00 00 00 00   # opt_endofopt
  20 00 00 00
  # interface 2, at byte 80: Linux cooked, if_tsresol 0x8a (2^-10 s), if_tsoffset 1000 s
  01 00 00 00   34 00 00 00   # type 1, total length 52
  71 00 00 00   # link type 113
  00 00 00 00   # snap length 0
  01 00 04 00   65 74 68 30   # opt_comment, 4 bytes: "eth0" (not needed, stepped over)
  09 00 01 00   8a 00 00 00   # if_tsresol, 1 byte: high bit set, so 2^-10
  0e 00 08 00   e8 03 00 00 00 00 00 00   # if_tsoffset, 8 bytes: 1000
  00 00 00 00   # opt_endofopt
  34 00 00 00
  # name resolution block, at byte 132: skipped
  04 00 00 00   10 00 00 00   # type 4, total length 16
  00 00 00 00   # nrb_record_end
  10 00 00 00
  # enhanced packet block, at byte 148: record 1, interface 2
  06 00 00 00   24 00 00 00   # type 6, total length 36
  02 00 00 00   # interface 2
  00 00 00 00   00 16 00 00   # timestamp 0x1600 = 5632 units of 2^-10 s = 5.5 s, + 1000 s offset
  02 00 00 00   02 00 00 00   # captured 2, original 2
  01 02 00 00   # 2 bytes, padded
  24 00 00 00
  # enhanced packet block, at byte 184: record 2, interface 1
  06 00 00 00   24 00 00 00
  01 00 00 00   # interface 1
  0d 12 d1 14   07 ca b0 b6   # timestamp 1500000001000000007 ns
  01 00 00 00   01 00 00 00   # captured 1, original 1
  ff 00 00 00
  24 00 00 00
  # interface statistics block, at byte 220: skipped
  05 00 00 00   18 00 00 00   # type 5, total length 24
  00 00 00 00   # interface 0
  00 00 00 00   00 00 00 00   # timestamp
  18 00 00 00
  # simple packet block, at byte 244: record 3, interface 0, no timestamp
  03 00 00 00   18 00 00 00   # type 3, total length 24
  06 00 00 00   # original length 6
  10 11 12 13 14 15 00 00   # 6 bytes, padded; interface 0's snap length keeps 4 of them
  18 00 00 00
  # packet block (obsolete), at byte 268: record 4, interface 1
  02 00 00 00   24 00 00 00   # type 2, total length 36
  01 00         # interface 1 (16 bits)
  00 00         # drops count
  0d 12 d1 14   7b 94 4b f2   # timestamp 1500000002000000123 ns
  03 00 00 00   03 00 00 00   # captured 3, original 3
  a1 a2 a3 00
  24 00 00 00
  # custom block, at byte 304: skipped
  ad 0b 00 00   14 00 00 00   # type 0x00000bad, total length 20
  7b 00 00 00   # private enterprise number
  c0 ff ee 00   # custom data
  14 00 00 00
  # a block type no version defines, at byte 324: skipped
  78 56 34 12   0c 00 00 00   0c 00 00 00   # type 0x12345678, total length 12, no body
  # enhanced packet block, at byte 336: record 5, interface 0
  06 00 00 00   24 00 00 00
  00 00 00 00   # interface 0
  3d 54 05 00   c1 86 57 f7   # timestamp 1500000003000001 us
  02 00 00 00   02 00 00 00
  aa bb 00 00
  24 00 00 00
`);
export const PCAPNG_INTERFACES_FRAMES = [
  frameOf({
    index: 1,
    seconds: 1005,
    nanos: 500_000_000,
    capLen: 2,
    origLen: 2,
    linkType: 113,
    offset: 148,
    data: "01 02",
  }),
  frameOf({
    index: 2,
    seconds: 1_500_000_001,
    nanos: 7,
    capLen: 1,
    origLen: 1,
    linkType: 101,
    offset: 184,
    data: "ff",
  }),
  frameOf({
    index: 3,
    seconds: 0,
    nanos: 0,
    noTimestamp: true,
    capLen: 4,
    origLen: 6,
    linkType: 1,
    offset: 244,
    data: "10 11 12 13",
  }),
  frameOf({
    index: 4,
    seconds: 1_500_000_002,
    nanos: 123,
    capLen: 3,
    origLen: 3,
    linkType: 101,
    offset: 268,
    data: "a1 a2 a3",
  }),
  frameOf({
    index: 5,
    seconds: 1_500_000_003,
    nanos: 1000,
    capLen: 2,
    origLen: 2,
    linkType: 1,
    offset: 336,
    data: "aa bb",
  }),
];

/** Every sample with its frames, for tests that run over all of them. */
export const SAMPLES = {
  "pcap, microseconds, little-endian": { bytes: PCAP_MICROS_LITTLE, frames: PCAP_MICROS_LITTLE_FRAMES },
  "pcap, microseconds, big-endian": { bytes: PCAP_MICROS_BIG, frames: PCAP_MICROS_BIG_FRAMES },
  "pcap, nanoseconds, little-endian": { bytes: PCAP_NANOS_LITTLE, frames: PCAP_NANOS_LITTLE_FRAMES },
  "pcap, nanoseconds, big-endian": { bytes: PCAP_NANOS_BIG, frames: PCAP_NANOS_BIG_FRAMES },
  "pcapng, two sections": { bytes: PCAPNG_TWO_SECTIONS, frames: PCAPNG_TWO_SECTIONS_FRAMES },
  "pcapng, three interfaces": { bytes: PCAPNG_INTERFACES, frames: PCAPNG_INTERFACES_FRAMES },
};
