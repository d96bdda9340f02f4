// UDP (RFC 768), as the tunnels that ride on it carry it.

/**
 * A UDP header (RFC 768), its length computed and its checksum 0 (none), then the payload.
 * @param {number} sourcePort
 * @param {number} destinationPort
 * @param {...Uint8Array} payload
 */
export function udp(sourcePort, destinationPort, ...payload) {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt16BE(sourcePort, 0);
  header.writeUInt16BE(destinationPort, 2);
  header.writeUInt16BE(8 + body.length, 4);
  return Buffer.concat([header, body]);
}
