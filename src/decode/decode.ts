import type { Frame } from "../capture/frame.js";
import { AddressTexts } from "./address-texts.js";
import { CARRIERS } from "./carriers.js";
import { type Decoded, type Stop, isStop, skipped } from "./decoded.js";
import type { LayerName } from "./layer-name.js";
import { describeEtherType } from "./ethertype.js";
import { emptyIpHeader, type IpHeader } from "./ip-header.js";
import { IP_PROTOCOL_TCP, skipNonTcp } from "./ip-protocols.js";
import { IP_TUNNELS } from "./ip-tunnels.js";
import { IPV4_EXTENSIONS, IPV6_EXTENSIONS, MAX_EXTENSION_HEADERS } from "./ipv6-extensions.js";
import type { LinkPayload } from "./link-payload.js";
import { LINK_TYPES, type LinkType } from "./link-types.js";
import { networkLayerOf } from "./network.js";
import type { Segment, SegmentProblem } from "./segment.js";
import { decodeTcp } from "./tcp.js";
import { TcpSegment } from "./tcp-segment.js";
import { STANDARD_UDP_TUNNELS, type UdpTunnels } from "./udp.js";
import { MAX_VLAN_TAGS } from "./vlan.js";

/** Headers stacked deeper than this before TCP are not followed (a tunnel in a tunnel in a tunnel is already rare). */
const MAX_LAYERS = 32;

/**
 * Decodes captured frames down to their TCP segments, through any tunnels, or says why not:
 * skipped (fine, but not a TCP segment this tool reads) or damaged (truncated by the snap length,
 * or malformed). Never throws. A segment's payload view points into `frame.data` until the
 * next frame is decoded, when the segment lets go of it (TcpSegment.leaveFrame). `tunnels`
 * names the UDP ports that carry VXLAN and Geneve (udp.ts).
 *
 * The per-frame scratch is the decoder's own, reused so that a clean frame allocates no lists:
 * the layers decoded so far (copied into a Damaged result, or a tunnelled Segment) and the
 * problems noted (copied into the Segment). decode never calls out while they are in use, so
 * reuse is safe. The layers are counted rather than truncated because setting an array's length
 * costs a runtime call on every frame. The common link headers' payload is refilled for each
 * frame (LinkDecoder), and the IP header record for each IP header,
 * a tunnel's inner one included: the outer one is read to its end before the inner is decoded,
 * and the Segment copies what it keeps. The result for a TCP segment is one object too, refilled
 * for every frame: take its segment before decoding the next. The texts of the addresses seen
 * are remembered (address-texts.ts), so that a packet's addresses are rarely written out anew.
 */
export class FrameDecoder {
  private readonly layers: LayerName[] = [];
  private layerCount = 0;
  private vlanTags = 0;
  private tunnelled = false;
  private readonly problems: SegmentProblem[] = [];
  private readonly ip: IpHeader = emptyIpHeader();
  private readonly addressTexts = new AddressTexts();
  private readonly decoded: { kind: "tcp"; segment: Segment } = { kind: "tcp", segment: undefined! };
  /** The segment of the frame decoded last, told when the reader moves past its frame. */
  private atFrame: TcpSegment | undefined;
  /** What the link header says about the bytes after it, refilled for every frame (LinkDecoder). */
  private readonly linkPayload: LinkPayload = { etherType: 0, offset: 0, end: 0 };
  /** The last frame's link type and its decoder: a capture's frames mostly share one, looked up once. */
  private linkTypeNumber = -1;
  private linkType: LinkType | undefined;

  constructor(private readonly tunnels: UdpTunnels = STANDARD_UDP_TUNNELS) {}

  decode(frame: Frame): Decoded {
    this.atFrame?.leaveFrame();
    this.atFrame = undefined;
    this.layerCount = 0;
    this.vlanTags = 0;
    this.tunnelled = false;
    if (this.problems.length > 0) this.problems.length = 0;
    const result = this.decodeLayers(frame);
    if (!isStop(result)) {
      if (this.problems.length > 0) result.problems = this.problems.slice();
      if (this.tunnelled) result.encapsulation = this.layers.slice(0, this.layerCount);
      if (result instanceof TcpSegment) this.atFrame = result;
      this.decoded.segment = result;
      return this.decoded;
    }
    return result.kind === "skipped" ? result : { ...result, layers: this.layers.slice(0, this.layerCount) };
  }

  private linkTypeOf(linkType: number): LinkType | undefined {
    if (linkType !== this.linkTypeNumber) {
      this.linkTypeNumber = linkType;
      this.linkType = LINK_TYPES.get(linkType);
    }
    return this.linkType;
  }

  private addLayer(layer: LayerName): void {
    this.layers[this.layerCount++] = layer;
  }

  /** The link header, then each header the one before names, until TCP or something this tool does not read. */
  private decodeLayers(frame: Frame): Segment | Stop {
    const bytes = frame.data;
    const linkLayer = this.linkTypeOf(frame.linkType);
    if (linkLayer === undefined)
      return skipped("unsupported-link-type", `link type ${frame.linkType} is not one this tool decodes`);
    // The frame's length on the wire; a record claiming less than it holds is taken at its bytes.
    const link = linkLayer.decode(bytes, Math.max(frame.origLen, bytes.length), this.linkPayload);
    if (isStop(link)) return link;
    this.addLayer(linkLayer.layer);
    let payload: LinkPayload = link;
    for (;;) {
      if (this.layerCount >= MAX_LAYERS)
        return skipped(
          "nesting-limit",
          `more than ${MAX_LAYERS} headers before TCP: another starts at byte ${payload.offset}`,
        );
      const network = networkLayerOf(payload.etherType);
      const next: Segment | LinkPayload | Stop =
        network === undefined
          ? this.decodeCarrier(bytes, payload)
          : this.decodeIp(
              frame,
              network.decode(bytes, payload.offset, payload.end, this.problems, this.ip, this.addressTexts),
              network.layer,
            );
      if (isStop(next) || !("etherType" in next)) return next;
      payload = next;
    }
  }

  /** A header between the link and IP, or inside a tunnel: VLAN tags (IEEE 802.1Q, stacked for QinQ), MPLS, PPPoE, ... */
  private decodeCarrier(bytes: Uint8Array, payload: LinkPayload): LinkPayload | Stop {
    const carrier = CARRIERS.get(payload.etherType);
    if (carrier === undefined)
      return skipped("not-ip", `ethertype ${describeEtherType(payload.etherType)} at byte ${payload.offset}`);
    if (carrier.layer === "vlan" && this.vlanTags++ === MAX_VLAN_TAGS) {
      return skipped(
        "nesting-limit",
        `more than ${MAX_VLAN_TAGS} VLAN tags: another starts at byte ${payload.offset - 2}`,
      );
    }
    const inner = carrier.decode(bytes, payload.offset, payload.end, this.problems);
    if (isStop(inner)) return inner;
    this.addLayer(carrier.layer);
    if (carrier.tunnel) this.tunnelled = true;
    return inner;
  }

  /** An IP header, then its extension headers (RFC 8200 §4; AH in IPv4 too) to TCP or to the tunnel it carries. */
  private decodeIp(frame: Frame, ip: IpHeader | Stop, layer: LayerName): Segment | LinkPayload | Stop {
    if (isStop(ip)) return ip;
    this.addLayer(layer);
    const bytes = frame.data;
    const extensions = ip.version === 4 ? IPV4_EXTENSIONS : IPV6_EXTENSIONS;
    let protocol = ip.protocol;
    let offset = ip.payloadOffset;
    for (let depth = 0; protocol !== IP_PROTOCOL_TCP; depth++) {
      const extension = extensions.get(protocol);
      if (extension === undefined) return this.decodeTunnel(bytes, protocol, offset, ip);
      if (depth === MAX_EXTENSION_HEADERS)
        return skipped(
          "nesting-limit",
          `more than ${MAX_EXTENSION_HEADERS} extension headers: another starts at byte ${offset}`,
        );
      const header = extension.decode(bytes, offset, ip.payloadEnd);
      if (isStop(header)) return header;
      this.addLayer(extension.layer);
      protocol = header.next;
      offset = header.offset;
    }
    return decodeTcp(frame, ip, offset, this.problems);
  }

  /** What an IP header carries other than TCP: a tunnel (ip-tunnels.ts), or a skip that names it. */
  private decodeTunnel(bytes: Uint8Array, protocol: number, offset: number, ip: IpHeader): LinkPayload | Stop {
    const tunnel = IP_TUNNELS.get(protocol);
    if (tunnel === undefined) return skipNonTcp(protocol, offset);
    const inner = tunnel.decode(bytes, offset, ip, this.tunnels, this.problems);
    if (isStop(inner)) return inner;
    if (tunnel.layer !== null) this.addLayer(tunnel.layer);
    this.tunnelled = true;
    return inner;
  }
}

/** One frame decoded by a decoder of its own (FrameDecoder): for a caller with a frame or two; a reader of many keeps one decoder. */
export function decodeFrame(frame: Frame, tunnels: UdpTunnels = STANDARD_UDP_TUNNELS): Decoded {
  return new FrameDecoder(tunnels).decode(frame);
}
