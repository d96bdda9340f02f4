import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/fixtures.js";
import {
  bitFlips,
  FUZZ_SEED,
  fixtureCaptures,
  headerLayout,
  headerTruncations,
  lengthExtremes,
  Random,
  sampleOf,
  splices,
  type Mutant,
} from "./mutants.js";
import { violationsOf } from "./whole-pipeline.js";

/**
 * Every fixture, damaged in every way mutants.ts knows, through the whole pipeline in process:
 * no exception but a clean CaptureError, and no broken promise (see whole-pipeline.ts). The seed
 * is fixed, so a run is repeatable; TCP_ANNOTATE_FUZZ_SEED explores others.
 */
const BIT_FLIP_RUNS = 10;
const SPLICE_RUNS = 3;

const captures = fixtureCaptures().map((name) => ({
  name,
  bytes: sampleOf(new Uint8Array(readFileSync(join(FIXTURES, name)))),
}));

/** The first capture of each header layout is cut at every length of its headers. */
const layoutsSeen = new Set<string>();
const cutEverywhere = new Set(
  captures
    .filter(({ bytes }) => !layoutsSeen.has(headerLayout(bytes)) && layoutsSeen.add(headerLayout(bytes)))
    .map(({ name }) => name),
);

function mutantsOf(name: string, bytes: Uint8Array): Mutant[] {
  const random = Random.for(name);
  return [
    ...(cutEverywhere.has(name) ? headerTruncations(bytes) : []),
    ...lengthExtremes(bytes),
    ...bitFlips(bytes, random, BIT_FLIP_RUNS),
    ...splices(bytes, captures, random, SPLICE_RUNS),
  ];
}

describe(`the whole pipeline on damaged fixtures (seed ${FUZZ_SEED})`, () => {
  it.each(captures)("$name", async ({ name, bytes }) => {
    const failures: string[] = [];
    for (const mutant of mutantsOf(name, bytes)) {
      try {
        failures.push(...(await violationsOf(mutant.bytes)).map((violation) => `${mutant.name}: ${violation}`));
      } catch (error) {
        failures.push(
          `${mutant.name}: threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });
});
