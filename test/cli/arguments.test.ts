import { describe, expect, it } from "vitest";
import { escapedName } from "../../src/cli/arguments.js";

describe("a name's bytes as text", () => {
  it.each([
    ["UTF-8 is kept as it is", [0x63, 0x61, 0x66, 0xc3, 0xa9], "café"],
    ["a Latin-1 byte", [0x63, 0x61, 0x66, 0xe9], "caf\\xe9"],
    ["a lead byte without its continuation", [0xc3, 0x28], "\\xc3("],
    ["a sequence cut short at the end", [0x61, 0xe2, 0x82], "a\\xe2\\x82"],
    ["an overlong form of /", [0xc0, 0xaf], "\\xc0\\xaf"],
    ["a surrogate (U+D800)", [0xed, 0xa0, 0x80], "\\xed\\xa0\\x80"],
    ["past U+10FFFF", [0xf4, 0x90, 0x80, 0x80], "\\xf4\\x90\\x80\\x80"],
    ["four bytes that are UTF-8 (U+1F600)", [0xf0, 0x9f, 0x98, 0x80], "😀"],
  ])("%s", (_, bytes, name) => {
    expect(escapedName(Uint8Array.from(bytes))).toBe(name);
  });
});
