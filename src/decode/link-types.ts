import { decodeArcnetBsd, decodeArcnetLinux } from "./arcnet.js";
import { decodeCiscoHdlcLink } from "./cisco-hdlc.js";
import type { LayerName } from "./layer-name.js";
import { decodeEthernet } from "./ethernet.js";
import { decodeIpoib } from "./ipoib.js";
import { decodeJuniperEthernet } from "./juniper.js";
import type { LinkDecoder } from "./link-payload.js";
import { decodeLoop, decodeNull } from "./loopback.js";
import { decodePppLink } from "./ppp.js";
import { decodeAvs, decodePrism } from "./prism.js";
import { decodeRadiotap } from "./radiotap.js";
import { decodeRawIp, decodeRawIpv4, decodeRawIpv6 } from "./raw-ip.js";
import { decodeSll, decodeSll2 } from "./sll.js";
import { decodeWlanLink } from "./wlan.js";

export interface LinkType {
  /** tcpdump's name (libpcap's pcap_datalink_val_to_name). */
  name: string;
  /** tcpdump's description, shown after the name. */
  description: string;
  layer: LayerName;
  decode: LinkDecoder;
}

const RAW_IP: LinkType = { name: "RAW", description: "Raw IP", layer: "raw-ip", decode: decodeRawIp };
const PPP: LinkType = { name: "PPP", description: "PPP", layer: "ppp", decode: decodePppLink };

/** The link types this tool decodes, keyed by LINKTYPE_ value (tcpdump.org/linktypes.html). */
export const LINK_TYPES: ReadonlyMap<number, LinkType> = new Map([
  [0, { name: "NULL", description: "BSD loopback", layer: "null", decode: decodeNull }],
  [1, { name: "EN10MB", description: "Ethernet", layer: "ethernet", decode: decodeEthernet }],
  [7, { name: "ARCNET", description: "BSD ARCNET", layer: "arcnet", decode: decodeArcnetBsd }],
  [9, PPP],
  // DLT_RAW is 12 on most systems and 14 on OpenBSD; old files carry the DLT value itself.
  // tcpdump on Linux prints 14 as a bare number; it is named RAW here because it is decoded so.
  [12, RAW_IP],
  [14, RAW_IP],
  [50, { ...PPP, name: "PPP_SERIAL", description: "PPP over serial" }],
  [101, RAW_IP],
  [104, { name: "C_HDLC", description: "Cisco HDLC", layer: "cisco-hdlc", decode: decodeCiscoHdlcLink }],
  [105, { name: "IEEE802_11", description: "802.11", layer: "wlan", decode: decodeWlanLink }],
  [108, { name: "LOOP", description: "OpenBSD loopback", layer: "loop", decode: decodeLoop }],
  [113, { name: "LINUX_SLL", description: "Linux cooked v1", layer: "sll", decode: decodeSll }],
  [119, { name: "PRISM_HEADER", description: "802.11 plus Prism header", layer: "prism", decode: decodePrism }],
  [
    127,
    { name: "IEEE802_11_RADIO", description: "802.11 plus radiotap header", layer: "radiotap", decode: decodeRadiotap },
  ],
  [129, { name: "ARCNET_LINUX", description: "Linux ARCNET", layer: "arcnet", decode: decodeArcnetLinux }],
  [
    163,
    {
      name: "IEEE802_11_RADIO_AVS",
      description: "802.11 plus AVS radio information header",
      layer: "avs",
      decode: decodeAvs,
    },
  ],
  [178, { name: "JUNIPER_ETHER", description: "Juniper Ethernet", layer: "juniper", decode: decodeJuniperEthernet }],
  [228, { name: "IPV4", description: "Raw IPv4", layer: "raw-ip", decode: decodeRawIpv4 }],
  [229, { name: "IPV6", description: "Raw IPv6", layer: "raw-ip", decode: decodeRawIpv6 }],
  [242, { name: "IPOIB", description: "RFC 4391 IP-over-Infiniband", layer: "ipoib", decode: decodeIpoib }],
  [276, { name: "LINUX_SLL2", description: "Linux cooked v2", layer: "sll2", decode: decodeSll2 }],
]);

/** tcpdump's name for a link type ("EN10MB"), or the bare number as tcpdump prints unknown ones. */
export function linkTypeName(linkType: number): string {
  return LINK_TYPES.get(linkType)?.name ?? String(linkType);
}

/** tcpdump's header-line form: "EN10MB (Ethernet)", or the bare number. */
export function linkTypeDescription(linkType: number): string {
  const known = LINK_TYPES.get(linkType);
  return known === undefined ? String(linkType) : `${known.name} (${known.description})`;
}
