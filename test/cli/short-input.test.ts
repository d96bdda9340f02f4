import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHORT_INPUT_BYTES, isShortInput } from "../../src/cli/short-input.js";
import { scratchFolder } from "../helpers/scratch.js";

/** Which runs V8's optimizing compiler is left out of: plain capture files of under 1 MiB in all. */
describe("isShortInput", () => {
  const folder = scratchFolder("short-input");
  const file = (name: string, size: number) => {
    const path = join(folder, name);
    writeFileSync(path, Buffer.alloc(size));
    return path;
  };

  it("takes small plain files, several of them, as short", () => {
    expect(isShortInput(["fixtures/seed/seed-9502.pcap"])).toBe(true);
    expect(isShortInput(["fixtures/seed/seed-9502.pcap", "fixtures/shared/synscan.pcapng"])).toBe(true);
  });

  it("counts the files' bytes together", () => {
    const half = file("half.pcap", SHORT_INPUT_BYTES / 2);
    expect(isShortInput([half])).toBe(true);
    expect(isShortInput([half, half])).toBe(false);
    expect(isShortInput([file("whole.pcap", SHORT_INPUT_BYTES)])).toBe(false);
  });

  it("never takes standard input, gzip, a folder or a missing file as short", () => {
    expect(isShortInput(["-"])).toBe(false);
    expect(isShortInput(["fixtures/seed/seed-9502.pcap.gz"])).toBe(false);
    expect(isShortInput(["fixtures/seed"])).toBe(false);
    expect(isShortInput(["fixtures/seed/no-such.pcap"])).toBe(false);
    expect(isShortInput(["fixtures/seed/seed-9502.pcap", "-"])).toBe(false);
  });

  it("looks at a named pipe without opening it, which would wait for a writer", () => {
    const pipe = join(folder, "pipe.pcap");
    expect(spawnSync("mkfifo", [pipe]).status).toBe(0);
    expect(isShortInput([pipe])).toBe(false);
  });
});
