import { describe, expect, it } from "vitest";
import { CATALOGS, LANGUAGES } from "../../src/explain/catalog/index.js";
import { formatMessage } from "../../src/explain/format.js";
import { MESSAGE_KEYS, message } from "../../src/explain/message.js";
import { TRANSITION_CAUSES } from "../../src/track/transition.js";

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("message catalogs", () => {
  it.each(LANGUAGES)("%s defines exactly the message keys, each non-empty", (language) => {
    const catalog = CATALOGS[language];
    expect(Object.keys(catalog).sort()).toEqual([...MESSAGE_KEYS].sort());
    for (const key of MESSAGE_KEYS) expect(catalog[key].trim()).not.toBe("");
  });

  it("uses the same placeholders in every language", () => {
    for (const key of MESSAGE_KEYS) {
      const english = placeholders(CATALOGS.en[key]);
      for (const language of LANGUAGES) expect([key, placeholders(CATALOGS[language][key])]).toEqual([key, english]);
    }
  });

  it("has a cause message for every state-change rule of the observer", () => {
    for (const cause of Object.keys(TRANSITION_CAUSES)) expect(MESSAGE_KEYS).toContain(`cause.${cause}`);
  });

  it("fills placeholders, translates roles and nests messages", () => {
    const line = message("change.line", { who: "server", from: "LISTEN", to: "SYN_RCVD", cause: message("cause.received-syn") });
    expect(formatMessage(line, "en")).toBe("server LISTEN → SYN_RCVD: it received the SYN (passive open) and will answer SYN+ACK.");
    expect(formatMessage(line, "zh")).toBe("服务器 LISTEN → SYN_RCVD:它收到了 SYN(被动打开),将回复 SYN+ACK。");
  });
});
