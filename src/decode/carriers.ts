import type { LayerName } from "./layer-name.js";
import { decodeErspanTypeI, decodeErspanTypeII, decodeErspanTypeIII } from "./erspan.js";
import { decodeInnerEthernet } from "./ethernet.js";
import {
  ETHERTYPE_ERSPAN,
  ETHERTYPE_ERSPAN_III,
  ETHERTYPE_MPLS,
  ETHERTYPE_MPLS_MULTICAST,
  ETHERTYPE_PPP,
  ETHERTYPE_PPPOE_SESSION,
  ETHERTYPE_TRANSPARENT_ETHERNET,
  NEXT_ERSPAN_TYPE_I,
  NEXT_GENEVE,
  NEXT_LLC,
  NEXT_PPP,
  NEXT_PW_CONTROL_WORD,
  NEXT_VXLAN,
  NEXT_WLAN,
  NEXT_WLAN_PADDED,
} from "./ethertype.js";
import { decodeGeneve } from "./geneve.js";
import type { InnerDecoder } from "./link-payload.js";
import { decodeLlc } from "./llc.js";
import { decodeMpls } from "./mpls.js";
import { decodePpp, decodePppInHdlcFraming } from "./ppp.js";
import { decodePppoe } from "./pppoe.js";
import { decodePwControlWord } from "./pseudowire.js";
import { decodeVlanTag, VLAN_TAG_TYPES } from "./vlan.js";
import { decodeVxlan } from "./vxlan.js";
import { decodeWlan, decodeWlanPadded } from "./wlan.js";

interface Carrier {
  layer: LayerName;
  decode: InnerDecoder;
  /** Whether the packet inside travels through a tunnel (its addresses are not the link's): see Segment.encapsulation. */
  tunnel: boolean;
}

const carrier = (layer: LayerName, decode: InnerDecoder, tunnel = false): Carrier => ({ layer, decode, tunnel });
const VLAN = carrier("vlan", decodeVlanTag);
const MPLS = carrier("mpls", decodeMpls, true);

/**
 * The headers between the link and IP, and inside tunnels, keyed by the ethertype that announces
 * them (or a key from ethertype.ts for those no ethertype names). IP itself is in network.ts.
 */
export const CARRIERS: ReadonlyMap<number, Carrier> = new Map<number, Carrier>([
  ...[...VLAN_TAG_TYPES].map((type): [number, Carrier] => [type, VLAN]),
  [ETHERTYPE_MPLS, MPLS],
  [ETHERTYPE_MPLS_MULTICAST, MPLS],
  [ETHERTYPE_PPPOE_SESSION, carrier("pppoe", decodePppoe, true)],
  [NEXT_PPP, carrier("ppp", decodePpp)],
  [ETHERTYPE_PPP, carrier("ppp", decodePppInHdlcFraming)],
  [ETHERTYPE_TRANSPARENT_ETHERNET, carrier("ethernet", decodeInnerEthernet)],
  [NEXT_ERSPAN_TYPE_I, carrier("erspan", decodeErspanTypeI)],
  [ETHERTYPE_ERSPAN, carrier("erspan", decodeErspanTypeII)],
  [ETHERTYPE_ERSPAN_III, carrier("erspan", decodeErspanTypeIII)],
  [NEXT_VXLAN, carrier("vxlan", decodeVxlan)],
  [NEXT_GENEVE, carrier("geneve", decodeGeneve)],
  [NEXT_PW_CONTROL_WORD, carrier("pw-control-word", decodePwControlWord)],
  [NEXT_WLAN, carrier("wlan", decodeWlan)],
  [NEXT_WLAN_PADDED, carrier("wlan", decodeWlanPadded)],
  [NEXT_LLC, carrier("llc", decodeLlc)],
]);
