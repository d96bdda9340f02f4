import { describe, expect, it } from "vitest";
import { CATALOGS, LANGUAGES } from "../../src/explain/catalog/index.js";
import { formatMessage } from "../../src/explain/format.js";
import { MESSAGE_KEYS, message } from "../../src/explain/message.js";
import { terminalSafe } from "../../src/render/shared/terminal-safe.js";
import { TRANSITION_CAUSES } from "../../src/track/transition.js";

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("message catalogs", () => {
  it.each(LANGUAGES)("%s defines exactly the message keys, each non-empty", (language) => {
    const { messages } = CATALOGS[language];
    expect(Object.keys(messages).sort()).toEqual([...MESSAGE_KEYS].sort());
    for (const key of MESSAGE_KEYS) expect(messages[key].trim()).not.toBe("");
  });

  it("uses the same placeholders in every language", () => {
    for (const key of MESSAGE_KEYS) {
      const english = placeholders(CATALOGS.en.messages[key]);
      for (const language of LANGUAGES)
        expect([key, placeholders(CATALOGS[language].messages[key])]).toEqual([key, english]);
    }
  });

  it("has a cause message for every state-change rule of the observer", () => {
    for (const cause of Object.keys(TRANSITION_CAUSES)) expect(MESSAGE_KEYS).toContain(`cause.${cause}`);
  });

  // The timelines make only a message's string values terminal-safe (and, in NDJSON, JSON-escaped), not each whole text.
  it.each(LANGUAGES)(
    "%s is terminal-safe and needs no JSON escapes, so that only the values filled in need them",
    (language) => {
      for (const key of MESSAGE_KEYS) {
        const template = CATALOGS[language].messages[key];
        expect([key, terminalSafe(template), JSON.stringify(template)]).toEqual([key, template, `"${template}"`]);
      }
    },
  );

  it("passes string values, and only those, through the filter, in nested messages too", () => {
    const line = message("change.line", {
      who: "client",
      from: "A\u001b",
      to: "B",
      cause: message("note.syn-ack-bad-ack", { ack: 5, expected: "?" }),
    });
    expect(formatMessage(line, "en", terminalSafe)).toBe(
      "client A\\u001b → B: Its ack 5 does not acknowledge the client's SYN (expected j+1 = ?): the client should answer with RST..",
    );
    expect(formatMessage(line, "en", (value) => `<${value}>`)).toBe(
      "client <A\u001b> → <B>: Its ack 5 does not acknowledge the client's SYN (expected j+1 = <?>): the client should answer with RST..",
    );
    expect(formatMessage(message("segment.ack", { who: "server" }), "en")).toBe(
      "The server acknowledges everything up to {ack}.",
    );
  });

  it("fills placeholders, translates roles and nests messages", () => {
    const line = message("change.line", {
      who: "server",
      from: "LISTEN",
      to: "SYN_RCVD",
      cause: message("cause.received-syn"),
    });
    expect(formatMessage(line, "en")).toBe(
      "server LISTEN → SYN_RCVD: it received the SYN (passive open) and answers SYN+ACK.",
    );
    expect(formatMessage(line, "zh")).toBe("服务器 LISTEN → SYN_RCVD:它收到了 SYN(被动打开),回复 SYN+ACK。");
  });
});

/** Every word a catalog's words hold as text, by its path ("summary.outcomes.refused"); the word functions are left out. */
function wordTexts(words: object, path = ""): [string, string][] {
  return Object.entries(words).flatMap(([name, value]): [string, string][] => {
    if (typeof value === "string") return [[path + name, value]];
    if (typeof value === "object" && value !== null) return wordTexts(value as object, `${path}${name}.`);
    return [];
  });
}

/** The names every group of words defines, functions too, by path. */
function wordNames(words: object, path = ""): string[] {
  return Object.entries(words).flatMap(([name, value]) =>
    typeof value === "object" && value !== null ? wordNames(value as object, `${path}${name}.`) : [path + name],
  );
}

describe("output words", () => {
  it.each(LANGUAGES)("%s names the same words as English, in every group", (language) => {
    expect(wordNames(CATALOGS[language].words).sort()).toEqual(wordNames(CATALOGS.en.words).sort());
  });

  // The outputs write these words as they are, on a terminal too.
  it.each(LANGUAGES)("%s has no empty word and none a terminal would read as a control", (language) => {
    for (const [path, text] of wordTexts(CATALOGS[language].words))
      expect([path, terminalSafe(text), text.trim() === ""]).toEqual([path, text, false]);
  });

  it("says the roles in messages with the same words the outputs use", () => {
    for (const language of LANGUAGES) {
      const { client, server } = CATALOGS[language].words.text;
      expect(formatMessage(message("segment.ack", { who: "server", ack: 1 }), language)).toContain(server);
      expect(formatMessage(message("segment.ack", { who: "client", ack: 1 }), language)).toContain(client);
    }
  });
});
