import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConnections } from "../../src/cli/read-connections.js";
import { Selection } from "../../src/cli/selection.js";
import type { Ladder } from "../../src/render/diagram/ladder-model.js";
import { renderLadder } from "../../src/render/diagram/ladder.js";
import { summarize } from "../../src/track/summary.js";
import { capturesWithGoldens, FIXTURES } from "../helpers/fixtures.js";
import { picturesOf } from "../helpers/ladders.js";

const MSL = 30;

const drawn = (ladder: Ladder) => renderLadder(ladder, { language: "en", color: false, width: 100 });

/**
 * Each connection as the picture commands now read it (its ladder built, and folded unless full,
 * as its events come; the connection let go of once done), drawn, with its record.
 */
async function streamed(capture: string, mslSeconds: number, full = false): Promise<string[]> {
  const pictures: string[] = [];
  const options = { lang: "en", msl: mslSeconds, strict: false, quiet: true, full } as const;
  await readConnections(
    [join(FIXTURES, capture)],
    options,
    // Zeek followed too, which a ladder never shows, so that the whole record can be compared.
    { selection: new Selection({}), zeek: true },
    ({ connection, ladder }) => {
      pictures.push(drawn(ladder) + JSON.stringify(summarize(connection)));
    },
  );
  return pictures;
}

/** The same from keeping every connection and its events to the end, then folding each whole ladder, as the pictures did. */
async function kept(capture: string, mslSeconds: number, full = false): Promise<string[]> {
  const { connections } = await picturesOf({ capture, mslSeconds, full });
  return connections.map(({ connection, ladder }) => drawn(ladder) + JSON.stringify(summarize(connection)));
}

describe("the pictures let connections go 2*MSL after they finish", () => {
  it.each([false, true])(
    "draw every golden capture's connections as keeping every connection does, in stream order (full: %s)",
    async (full) => {
      for (const capture of capturesWithGoldens())
        expect(await streamed(capture, MSL, full), capture).toEqual(await kept(capture, MSL, full));
    },
  );

  it("still draw a TIME_WAIT expiry that comes on the clock tick the connection is let go of", async () => {
    // With a 1 s 2*MSL, this capture's first connection is let go of on the tick that expires its TIME_WAIT.
    const capture = "shared/http_ip4and6.pcapng";
    const pictures = await streamed(capture, 0.5);
    expect(pictures.join("")).toContain("2MSL over");
    expect(pictures).toEqual(await kept(capture, 0.5));
  });
});
