import type { LayerName } from "./layer-name.js";
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from "./ethertype.js";
import type { IpDecoder } from "./ip-header.js";
import { decodeIpv4 } from "./ipv4.js";
import { decodeIpv6 } from "./ipv6.js";

interface NetworkLayer {
  layer: LayerName;
  decode: IpDecoder;
}

const IPV4: NetworkLayer = { layer: "ipv4", decode: decodeIpv4 };
const IPV6: NetworkLayer = { layer: "ipv6", decode: decodeIpv6 };

/**
 * The network layer this tool reads under an ethertype, if any: IPv4 or IPv6. Two comparisons,
 * asked once per header of every frame, where a Map lookup hashed the key each time.
 */
export function networkLayerOf(etherType: number): NetworkLayer | undefined {
  if (etherType === ETHERTYPE_IPV4) return IPV4;
  return etherType === ETHERTYPE_IPV6 ? IPV6 : undefined;
}
