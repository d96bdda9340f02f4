import { describe, expect, test } from "vitest";
import { formatIpv4, formatIpv6 } from "../../src/decode/address.js";
import { AddressTexts } from "../../src/decode/address-texts.js";
import { hex } from "./helpers/packets.js";

describe("formatIpv4", () => {
  test("dotted quad at an offset", () => {
    expect(formatIpv4(hex("ff", "0a 00 00 01", "ff"), 1)).toBe("10.0.0.1");
    expect(formatIpv4(hex("ff ff ff ff"), 0)).toBe("255.255.255.255");
  });
});

describe("AddressTexts", () => {
  test("the dotted quad, the same string for the same address wherever it sits", () => {
    const texts = new AddressTexts();
    const first = texts.ipv4(hex("0a 00 00 01"), 0);
    expect(first).toBe("10.0.0.1");
    expect(texts.ipv4(hex("ff", "0a 00 00 01"), 1)).toBe(first);
    expect(texts.ipv4(hex("c0 a8 00 01"), 0)).toBe("192.168.0.1");
  });

  test("IPv4 stays right past its size limit (a scan of many addresses)", () => {
    const texts = new AddressTexts();
    const bytes = new Uint8Array(4);
    for (let value = 0; value < 70_000; value += 1) {
      new DataView(bytes.buffer).setUint32(0, value * 61_423);
      expect(texts.ipv4(bytes, 0)).toBe(formatIpv4(bytes, 0));
    }
  });

  test("IPv6: formatIpv6's text, whatever came before, past its size limit and between addresses of one slot", () => {
    const texts = new AddressTexts();
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    for (let value = 0; value < 70_000; value += 1) {
      view.setUint32(0, 0x20010db8);
      view.setUint32(12, (value * 61_423) >>> 0);
      expect(texts.ipv6(bytes, 0)).toBe(formatIpv6(bytes, 0));
    }
    // More addresses than the table has slots, twice over: some share a slot and take turns in it.
    const many = Array.from({ length: 5000 }, (_, i) =>
      hex(`20010db8 00000000 00000000 ${((i * 2_654_435) >>> 0).toString(16).padStart(8, "0")}`),
    );
    for (let round = 0; round < 2; round++) {
      for (const address of many) expect(texts.ipv6(address, 0)).toBe(formatIpv6(address, 0));
    }
    expect(texts.ipv6(hex("20010db8 00000000 00000000 00000001"), 0)).toBe("2001:db8::1");
  });
});

describe("formatIpv6 (RFC 5952, as tshark 4.0.17 prints each of these)", () => {
  test.each([
    ["20010db8000000000000000000000001", "2001:db8::1", "longest zero run shortened"],
    ["20010db8000000010000000000000001", "2001:db8:0:1::1", "a single zero group stays 0; the longer run wins"],
    ["20010db8000000000001000000000001", "2001:db8::1:0:0:1", "two runs of equal length: the first is shortened"],
    ["20010db8000100000001000100010001", "2001:db8:1:0:1:1:1:1", "one zero group is not shortened"],
    ["00000000000000000000000000000001", "::1", "loopback"],
    ["00000000000000000000000000000000", "::", "unspecified"],
    ["fe800000000000000000000000000000", "fe80::", "trailing run"],
    ["20010DB8ABCD00EF000000000000000A", "2001:db8:abcd:ef::a", "lower case, no leading zeros"],
    ["00000000000000000000ffff01020304", "::ffff:1.2.3.4", "IPv4-mapped keeps the dotted quad"],
    ["00000000000000000000ffff00000000", "::ffff:0.0.0.0", "IPv4-mapped zero address"],
    ["00000000000000000000000001020304", "::1.2.3.4", "IPv4-compatible, dotted as tshark prints it"],
    ["00000000000000000000000000010000", "::0.1.0.0", "six leading zero groups: dotted, as tshark"],
    ["0000000000000000000000000000ffff", "::ffff", "seven leading zero groups: plain hex"],
    ["000000000000ffff0000000001020304", "::ffff:0:0:102:304", "ffff in the wrong group: plain hex"],
    ["0064ff9b000000000000000001020304", "64:ff9b::102:304", "NAT64 prefix: plain hex, as tshark"],
    ["20010db8000000000000ffff01020304", "2001:db8::ffff:102:304", "mapped-looking suffix under another prefix"],
  ])("%s -> %s (%s)", (address, text) => {
    expect(formatIpv6(hex(address), 0)).toBe(text);
  });

  test("reads at an offset inside a larger buffer", () => {
    expect(formatIpv6(hex("ffff", "20010db8000000000000000000000001", "ffff"), 2)).toBe("2001:db8::1");
  });
});
