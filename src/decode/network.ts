import type { LayerName } from "./layer-name.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from "./ethertype.js";
import type { IpDecoder } from "./ip-header.js";
import { decodeIpv4 } from "./ipv4.js";
import { decodeIpv6 } from "./ipv6.js";

interface NetworkLayer {
  layer: LayerName;
  decode: IpDecoder;
}

/** The network layers this tool reads, keyed by ethertype. */
export const NETWORK_LAYERS: ReadonlyMap<number, NetworkLayer> = new Map([
  [ETHERTYPE_IPV4, { layer: "ipv4", decode: decodeIpv4 }],
  [ETHERTYPE_IPV6, { layer: "ipv6", decode: decodeIpv6 }],
]);
