import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { scratchFolder } from "./scratch.js";
import guardTempFolder from "./temp-folder-guard.js";

describe("a scratch folder", () => {
  const folder = scratchFolder("scratch-test");
  it("is there, empty, in the temp folder while its tests run", () => {
    expect(readdirSync(folder)).toEqual([]);
    expect(join(folder, "..")).toBe(tmpdir());
    writeFileSync(join(folder, "written"), "");
  });

  it("is still there, with what the tests wrote, until the last of them", () => {
    expect(readdirSync(folder)).toEqual(["written"]);
  });
});

describe("the scratch folder of the block before", () => {
  it("is gone with what was in it", () => {
    const left = readdirSync(tmpdir()).filter((name) => name.startsWith("tcp-annotate-scratch-test-"));
    expect(left).toEqual([]);
  });
});

describe("the temp folder guard (vitest's global setup)", () => {
  const parent = scratchFolder("guard");
  const saved = { tmpdir: process.env["TMPDIR"], exitCode: process.exitCode };
  afterEach(() => {
    if (saved.tmpdir === undefined) delete process.env["TMPDIR"];
    else process.env["TMPDIR"] = saved.tmpdir;
    process.exitCode = saved.exitCode;
    vi.restoreAllMocks();
  });

  /** Runs the guard on its own folder in `parent`, with `leave` writing in it, and returns what it said. */
  function guardedRun(leave: (folder: string) => void): { said: string; folder: string } {
    process.env["TMPDIR"] = parent;
    const teardown = guardTempFolder();
    const folder = tmpdir();
    leave(folder);
    let said = "";
    vi.spyOn(process.stderr, "write").mockImplementation((text) => {
      said += String(text);
      return true;
    });
    teardown();
    return { said, folder };
  }

  it("gives the run a folder of its own, and says nothing and removes it when it is left empty", () => {
    const { said, folder } = guardedRun(() => {});
    expect(folder).not.toBe(parent);
    expect(said).toBe("");
    expect(process.exitCode).toBe(saved.exitCode);
    expect(existsSync(folder)).toBe(false);
  });

  it("fails the run naming every file and empty folder left, and removes them", () => {
    const { said, folder } = guardedRun((folder) => {
      mkdirSync(join(folder, "tcp-annotate-x-1", "empty"), { recursive: true });
      writeFileSync(join(folder, "tcp-annotate-x-1", "left.pcap"), "");
      writeFileSync(join(folder, "tmp.abc"), "");
    });
    expect(said).toBe(
      "\nthe tests left 3 files and folders in the temp folder: tcp-annotate-x-1/empty, tcp-annotate-x-1/left.pcap, tmp.abc; " +
        "each test file must remove what it writes (test/helpers/scratch.ts)\n",
    );
    expect(process.exitCode).toBe(1);
    expect(existsSync(folder)).toBe(false);
  });

  it("makes no second folder when the run already has one: the projects inherit the root's setup", () => {
    process.env["TMPDIR"] = parent;
    const teardown = guardTempFolder();
    const folder = tmpdir();
    const second = guardTempFolder();
    expect(tmpdir()).toBe(folder);
    expect(readdirSync(folder)).toEqual([]);
    second();
    expect(existsSync(folder)).toBe(true);
    teardown();
    expect(existsSync(folder)).toBe(false);
  });
});
