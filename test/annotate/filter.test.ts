import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseFilter } from "../../src/annotate/filter/filter.js";
import { FilterError } from "../../src/annotate/filter/filter-error.js";
import type { Connection } from "../../src/track/connection.js";
import { annotateFile } from "../helpers/annotate-file.js";
import { FIXTURES, readGolden } from "../helpers/fixtures.js";

/** Each stream's first segment, from tshark: for these captures it is the client's SYN, so src is the client. */
function openers(capture: string): Map<number, Record<string, string>> {
  const firsts = new Map<number, Record<string, string>>();
  for (const row of readGolden(capture))
    if (!firsts.has(Number(row["tcp.stream"]))) firsts.set(Number(row["tcp.stream"]), row);
  return firsts;
}

describe("filter expressions, on real connections", () => {
  let many: readonly Connection[];
  let mixed: readonly Connection[];
  const chosen = (connections: readonly Connection[], expression: string) =>
    connections
      .filter((connection) => parseFilter(expression).matches(connection))
      .map((connection) => connection.stream);

  beforeAll(async () => {
    many = (await annotateFile(join(FIXTURES, "loopback/many-connections.pcap"))).connections;
    mixed = (await annotateFile(join(FIXTURES, "shared/http_ip4and6.pcapng"))).connections;
  });

  it("port, dst port and src port: src is the client, dst the server, as tshark's first segment of each stream says", () => {
    const first = openers("loopback/many-connections.pcap");
    const toPort = (port: string) =>
      [...first].filter(([, row]) => row["tcp.dstport"] === port).map(([stream]) => stream);
    expect(toPort("9561")).toHaveLength(5);
    expect(chosen(many, "dst port 9561")).toEqual(toPort("9561"));
    expect(chosen(many, "port 9561")).toEqual(toPort("9561"));
    expect(chosen(many, "src port 9561")).toEqual([]);
    const clientPort = first.get(3)!["tcp.srcport"]!;
    expect(chosen(many, `src port ${clientPort}`)).toEqual([3]);
    expect(chosen(many, "not dst port 9561")).toEqual(
      [...first.keys()].filter((stream) => !toPort("9561").includes(stream)),
    );
  });

  it("a bare value takes the keywords before it, as tcpdump reads 'port 9561 or 9999'", () => {
    expect(chosen(many, "port 9561 or 9999")).toEqual(chosen(many, "port 9561 or port 9999"));
    expect(chosen(many, "dst port 1 or 9561")).toEqual(chosen(many, "dst port 9561"));
    expect(chosen(many, "portrange 9561-9600")).toEqual(chosen(many, "port 9561"));
  });

  it("host and net, IPv4 and IPv6, written any way the address may be written", () => {
    expect(chosen(mixed, "host 172.16.16.139")).toEqual([0]);
    expect(chosen(mixed, "dst host 172.16.16.139")).toEqual([0]);
    expect(chosen(mixed, "src host 172.16.16.139")).toEqual([]);
    expect(chosen(mixed, "host 2001:db8:1:2:0:0:0:1000")).toEqual([1]);
    expect(chosen(mixed, "host 2001:DB8:1:2::1002")).toEqual([1]);
    expect(chosen(mixed, "net 172.16")).toEqual([0]);
    expect(chosen(mixed, "net 172.16.16.0/24")).toEqual([0]);
    expect(chosen(mixed, "net 172.16.16.0 mask 255.255.255.0")).toEqual([0]);
    expect(chosen(mixed, "net 172.17")).toEqual([]);
    expect(chosen(mixed, "src net 2001:db8::/32 and dst port 80")).toEqual([1]);
    expect(chosen(mixed, "ip6")).toEqual([1]);
    expect(chosen(mixed, "ip")).toEqual([0]);
    expect(chosen(mixed, "tcp")).toEqual([0, 1]);
    expect(chosen(mixed, "src and dst net 172.16.16.0/24")).toEqual([0]);
    expect(chosen(mixed, "src or dst host 172.16.16.140")).toEqual([0]);
  });

  it("and binds tighter than or, not tighter than and; parentheses and tcpdump's &&, || and ! too", () => {
    expect(chosen(mixed, "host 172.16.16.139 or ip6 and port 81")).toEqual([0]);
    expect(chosen(mixed, "(host 172.16.16.139 or ip6) and port 81")).toEqual([]);
    expect(chosen(mixed, "not ip6 and port 80")).toEqual([0]);
    expect(chosen(mixed, "!(ip6)&&port 80||port 81")).toEqual([0]);
  });
});

describe("filter expressions that cannot be read", () => {
  const errorOf = (expression: string) => {
    try {
      parseFilter(expression);
    } catch (error) {
      if (error instanceof FilterError)
        return { message: error.message, at: expression.slice(error.offset, error.offset + error.length) || "(end)" };
      throw error;
    }
    throw new Error(`"${expression}" was read`);
  };

  it.each([
    ["host and port 80", 'expected an address after "host", found "and"', "and"],
    ["port 80 and", "expected a condition (host, net, port, ...) at the end", "(end)"],
    ["(port 80 or port 81", 'expected ")" to close the "(" at column 1, at the end', "(end)"],
    ["port 80)", 'a ")" without its "("', ")"],
    [
      "udp port 53",
      'unknown word "udp": this filter knows host, net, port, portrange, src, dst, ip, ip6, tcp, and, or, not and parentheses',
      "udp",
    ],
    [
      "host example.com",
      'expected an IPv4 or IPv6 address, found "example.com" (host names are not looked up)',
      "example.com",
    ],
    ["port 70000", 'expected a port number from 0 to 65535, found "70000"', "70000"],
    ["portrange 90-80", "the range 90-80 ends before it starts", "90-80"],
    ["net 10.0.0.1/8", '"10.0.0.1/8" has bits set past its 8-bit prefix', "10.0.0.1/8"],
    ["net 10.0.0.0/33", '"/33" is not a prefix length of IPv4 (0 to 32)', "10.0.0.0/33"],
    ["net 10.0.0.0 mask 255.0.255.0", '"255.0.255.0" is not a mask: its one bits must come first', "255.0.255.0"],
    ["port 80 port 81", 'expected "and" or "or" before "port"', "port"],
    ["port 80 & port 81", 'a lone "&": write "&&" or "and", "||" or "or"', "&"],
    ["", "the filter is empty", "(end)"],
  ])("%s", (expression, message, at) => {
    expect(errorOf(expression)).toEqual({ message, at });
  });

  it("underlines the bad token under the expression", () => {
    const error = new FilterError('expected an address after "host", found "and"', 5, 3);
    expect(error.pointAt("host and port 80")).toBe(
      'expected an address after "host", found "and"\n  host and port 80\n       ^^^',
    );
  });
});
