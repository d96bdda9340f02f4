import type { Frame } from "../capture/frame.js";
import { type Decoded, type LayerName, type Stop, isStop, skipped } from "./decoded.js";
import { describeEtherType } from "./ethertype.js";
import type { IpHeader } from "./ip-header.js";
import { IP_PROTOCOL_TCP, skipNonTcp } from "./ip-protocols.js";
import { IPV4_EXTENSIONS, IPV6_EXTENSIONS, MAX_EXTENSION_HEADERS } from "./ipv6-extensions.js";
import { LINK_TYPES } from "./link-types.js";
import type { LinkPayload } from "./link-payload.js";
import { NETWORK_LAYERS } from "./network.js";
import type { Segment, SegmentProblem } from "./segment.js";
import { decodeTcp } from "./tcp.js";
import { decodeVlanTag, MAX_VLAN_TAGS, VLAN_TAG_TYPES } from "./vlan.js";

/**
 * Per-frame scratch, reused so that a clean frame allocates no lists: the layers decoded so far
 * (copied into a Damaged result) and the problems noted (copied into the Segment). decodeFrame
 * never calls out while they are in use, so reuse is safe. The layers are counted rather than
 * truncated because setting an array's length costs a runtime call on every frame.
 */
const layers: LayerName[] = [];
let layerCount = 0;
const problems: SegmentProblem[] = [];

function addLayer(layer: LayerName): void {
  layers[layerCount++] = layer;
}

/**
 * Decodes one captured frame down to its TCP segment, or says why not: skipped (fine, but not a
 * TCP segment this tool reads) or damaged (truncated by the snap length, or malformed). Never
 * throws. The segment's views (payload, fast open cookie) point into `frame.data`.
 */
export function decodeFrame(frame: Frame): Decoded {
  layerCount = 0;
  if (problems.length > 0) problems.length = 0;
  const result = decodeLayers(frame);
  if (!isStop(result)) {
    if (problems.length > 0) result.problems = problems.slice();
    return { kind: "tcp", segment: result };
  }
  return result.kind === "skipped" ? result : { ...result, layers: layers.slice(0, layerCount) };
}

function decodeLayers(frame: Frame): Segment | Stop {
  const bytes = frame.data;
  // The frame's length on the wire; a record claiming less than it holds is taken at its bytes.
  const end = Math.max(frame.origLen, bytes.length);
  const link = decodeLink(bytes, end, frame.linkType);
  if (isStop(link)) return link;
  const network = NETWORK_LAYERS.get(link.etherType);
  if (network === undefined) return skipped("not-ip", `ethertype ${describeEtherType(link.etherType)} at byte ${link.offset}`);
  const ip = network.decode(bytes, link.offset, end, problems);
  if (isStop(ip)) return ip;
  addLayer(network.layer);
  const tcpOffset = findTcpHeader(bytes, ip);
  if (typeof tcpOffset !== "number") return tcpOffset;
  return decodeTcp(frame, ip, tcpOffset, problems);
}

/** The link header, then any VLAN tags (IEEE 802.1Q; stacked for QinQ, IEEE 802.1ad). */
function decodeLink(bytes: Uint8Array, end: number, linkType: number): LinkPayload | Stop {
  const linkLayer = LINK_TYPES.get(linkType);
  if (linkLayer === undefined) return skipped("unsupported-link-type", `link type ${linkType} is not one this tool decodes`);
  let payload = linkLayer.decode(bytes, end);
  if (isStop(payload)) return payload;
  addLayer(linkLayer.layer);
  for (let tags = 0; VLAN_TAG_TYPES.has(payload.etherType); tags++) {
    if (tags === MAX_VLAN_TAGS) return skipped("nesting-limit", `more than ${MAX_VLAN_TAGS} VLAN tags: another starts at byte ${payload.offset - 2}`);
    payload = decodeVlanTag(bytes, payload.offset, end);
    if (isStop(payload)) return payload;
    addLayer("vlan");
  }
  return payload;
}

/** Follows the IP extension headers (RFC 8200 §4; AH in IPv4 too) to the TCP header's offset. */
function findTcpHeader(bytes: Uint8Array, ip: IpHeader): number | Stop {
  const extensions = ip.version === 4 ? IPV4_EXTENSIONS : IPV6_EXTENSIONS;
  let protocol = ip.protocol;
  let offset = ip.payloadOffset;
  for (let depth = 0; protocol !== IP_PROTOCOL_TCP; depth++) {
    const extension = extensions.get(protocol);
    if (extension === undefined) return skipNonTcp(protocol, offset);
    if (depth === MAX_EXTENSION_HEADERS) return skipped("nesting-limit", `more than ${MAX_EXTENSION_HEADERS} extension headers: another starts at byte ${offset}`);
    const header = extension.decode(bytes, offset, ip.payloadEnd);
    if (isStop(header)) return header;
    addLayer(extension.layer);
    protocol = header.next;
    offset = header.offset;
  }
  return offset;
}
