import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/check/duration.js";
import { readsCaptureFindings } from "../../src/check/evaluate.js";
import { parseRule } from "../../src/check/parse-rule.js";
import { parseRulesFile } from "../../src/check/rules-file.js";

describe("durations", () => {
  it.each([
    ["50ms", 0.05],
    ["250us", 0.00025],
    ["1.5s", 1.5],
    ["2 ms", 0.002],
  ])("%s is %f s", (text, seconds) => expect(parseDuration(text)).toBeCloseTo(seconds, 12));

  it.each(["50", "ms", "-1ms", "1h", ""])("rejects %j", (text) => expect(parseDuration(text)).toBeNull());
});

describe("rules from flags", () => {
  it("reads every rule key", () => {
    expect(parseRule("forbid", "rst-from-server", "--forbid")).toEqual({ kind: "no-rst", from: "server" });
    expect(parseRule("max-duplicate-acks", "3", "--max-duplicate-acks")).toEqual({
      kind: "max-count",
      finding: "duplicate-acks",
      max: 3,
    });
    expect(parseRule("min-connections", 2, "x")).toEqual({ kind: "connection-count", count: 2, atLeast: true });
    expect(parseRule("final-state", "client=TIME_WAIT", "x")).toEqual({
      kind: "final-state",
      endpoint: "client",
      state: "TIME_WAIT",
    });
    expect(parseRule("max-handshake-rtt", "50ms", "x")).toEqual({ kind: "max-handshake-rtt", maxSeconds: 0.05 });
  });

  it("says what is wrong with a bad value", () => {
    expect(() => parseRule("forbid", "rsts", "--forbid")).toThrow(
      '--forbid: forbid: "rsts" is not one of rst, rst-from-client, rst-from-server, refused, one-side-gone, syn-flood, port-scan, keepalive-timeout',
    );
    expect(() => parseRule("final-state", "client=OPEN", "x")).toThrow('"OPEN" is not a TCP state');
    expect(() => parseRule("max-retransmissions", "-1", "x")).toThrow("is not a whole number");
  });

  it.each(["constructor", "__proto__", "toString", "valueOf"])(
    "knows %j for no rule, though every object answers to it",
    (name) => {
      expect(() => parseRule("expect", name, "x")).toThrow(
        `x: expect: "${name}" is not one of handshake, graceful-close`,
      );
      expect(() => parseRule("forbid", name, "x")).toThrow(`x: forbid: "${name}" is not one of rst,`);
    },
  );
});

describe("rules files", () => {
  it("reads YAML with a common selector and per-rule selectors", () => {
    const rules = parseRulesFile(
      "select: {port: 9502}\nrules:\n  - expect: handshake\n  - forbid: rst\n    host: 10.0.0.1\n",
      "r.yaml",
    );
    expect(rules).toEqual([
      { spec: { kind: "handshake" }, selector: { streams: [], ports: [9502], hosts: [] }, origin: "r.yaml rule 1" },
      {
        spec: { kind: "no-rst" },
        selector: { streams: [], ports: [9502], hosts: ["10.0.0.1"] },
        origin: "r.yaml rule 2",
      },
    ]);
  });

  it("reads JSON too", () => {
    expect(parseRulesFile('{"rules": [{"max-zero-windows": 0}]}', "r.json")[0]?.spec).toEqual({
      kind: "max-count",
      finding: "zero-windows",
      max: 0,
    });
  });

  it.each([
    ["rules:\n  - max-retransmision: 0\n", 'r.yaml rule 1: unknown key "max-retransmision"'],
    ["rule:\n  - expect: handshake\n", 'r.yaml: unknown key "rule"'],
    ["rules: []\n", 'r.yaml: "rules" must be a non-empty list'],
    ["rules:\n  - expect: handshake\n    forbid: rst\n", "r.yaml rule 1: expected exactly one rule key, found 2"],
    [
      "select: {port: 70000}\nrules:\n  - expect: handshake\n",
      "r.yaml: select: port: 70000 is not a whole number from 0 to 65535",
    ],
    [
      "rules: [unclosed\n",
      "r.yaml: line 2, column 1: not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
  ])("names the bad key or value: %j", (text, message) => {
    expect(() => parseRulesFile(text, "r.yaml")).toThrow(message);
  });
});

describe("what a check looks for", () => {
  const ruleOf = (key: Parameters<typeof parseRule>[0], value: string) => ({
    spec: parseRule(key, value, "x"),
    selector: {},
    origin: "x",
  });

  it("looks for what the connections say together only when a rule reads it", () => {
    const perConnection = [
      ruleOf("forbid", "rst"),
      ruleOf("forbid", "one-side-gone"),
      ruleOf("expect", "graceful-close"),
      ruleOf("max-retransmissions", "0"),
      ruleOf("min-connections", "1"),
    ];
    expect(readsCaptureFindings(perConnection)).toBe(false);
    for (const [key, value] of [
      ["forbid", "syn-flood"],
      ["forbid", "port-scan"],
      ["forbid", "keepalive-timeout"],
      ["max-syn-rcvd", "3"],
    ] as const) {
      expect(readsCaptureFindings([...perConnection, ruleOf(key, value)]), `${key} ${value}`).toBe(true);
    }
  });
});
