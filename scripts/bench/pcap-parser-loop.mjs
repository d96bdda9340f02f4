// pcap-parser 0.2.1 iterating a capture's records (packet events), nothing else: how fast the
// usual npm pcap reader goes.
//
//   node scripts/bench/pcap-parser-loop.mjs CAPTURE.pcap

import { createRequire } from "node:module";

const pcapParser = createRequire(import.meta.url)("pcap-parser");

const path = process.argv[2];
if (path === undefined) throw new Error("usage: pcap-parser-loop.mjs CAPTURE.pcap");
let records = 0;
const parser = pcapParser.parse(path);
parser.on("packet", () => records++);
parser.on("end", () => process.stdout.write(`${JSON.stringify({ records })}\n`));
