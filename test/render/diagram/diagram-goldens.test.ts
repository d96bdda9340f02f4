import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderLadder } from "../../../src/render/diagram/ladder.js";
import { mermaidMarkdown } from "../../../src/render/diagram/mermaid.js";
import { laddersOf } from "../../helpers/ladders.js";
import { GOLDEN_CASES, GOLDENS } from "./golden-cases.js";

/**
 * The terminal ladder and the Mermaid text of each fixture, compared with files under goldens/.
 * After a deliberate change, regenerate them and read the diff before committing:
 *   UPDATE_GOLDENS=1 npx vitest run test/render/diagram/diagram-goldens.test.ts
 */
const UPDATE = process.env["UPDATE_GOLDENS"] === "1";

function expectGolden(file: string, actual: string): void {
  const path = join(GOLDENS, file);
  if (UPDATE) {
    mkdirSync(GOLDENS, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${file} is missing: UPDATE_GOLDENS=1 writes it`).toBe(true);
  expect(actual, `${file} differs (UPDATE_GOLDENS=1 rewrites it)`).toBe(readFileSync(path, "utf8"));
}

describe.each(GOLDEN_CASES)("$name", (golden) => {
  const language = golden.language ?? "en";

  it("draws the terminal ladder as in its golden", async () => {
    const ladders = await laddersOf(golden);
    const text = ladders
      .map((ladder) => renderLadder(ladder, { language, color: false, width: golden.width ?? 80 }))
      .join("\n");
    expectGolden(`${golden.name}.txt`, text);
  });

  it.skipIf(golden.width !== undefined)("writes the Mermaid text as in its golden", async () => {
    expectGolden(`${golden.name}.md`, mermaidMarkdown(await laddersOf(golden), language));
  });
});
