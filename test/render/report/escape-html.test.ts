import { describe, expect, it } from "vitest";
import { escapeHtml, html, Markup } from "../../../src/render/report/escape-html.js";

/** Strings a capture's file name or a crafted packet could carry to break out of the markup. */
const HOSTILE = [
  "<script>alert(1)</script>.pcap",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)",
  "</title><img src=x onerror=alert(1)>",
  "a & b &amp; &lt;not an entity&gt;",
  "]]><svg onload=alert(1)>",
  "<!-- comment -->",
  "javascript:alert(1)",
];

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and quoted attributes", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });

  it.each(HOSTILE)("leaves no tag, quote or raw ampersand in %s", (text) => {
    const escaped = escapeHtml(text);
    expect(escaped).not.toMatch(/[<>"']/);
    expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
  });

  it("is undone by an HTML parser: the text reads as it was", () => {
    const decoded = (text: string) =>
      text.replace(
        /&(lt|gt|quot|#39|amp);/g,
        (_, name: string) => ({ lt: "<", gt: ">", quot: '"', "#39": "'", amp: "&" })[name] ?? "",
      );
    for (const text of HOSTILE) expect(decoded(escapeHtml(text))).toBe(text);
  });
});

describe("html templates", () => {
  it("escape every value placed in them", () => {
    const file = HOSTILE[0]!;
    expect(html`<code title="${HOSTILE[1]!}">${file}</code>`.text).toBe(
      '<code title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;.pcap</code>',
    );
  });

  it("keep markup made by a template as it is, and lists of it", () => {
    const items = ["a<b", "c"].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.text).toBe("<ul><li>a&lt;b</li><li>c</li></ul>");
    expect(html`<p>${new Markup("<b>x</b>")} ${3}</p>`.text).toBe("<p><b>x</b> 3</p>");
  });
});
