import type { Command } from "commander";
import { selects, selectsAll, type ConnectionSelector } from "../annotate/select.js";
import { TimelineBytes } from "../render/shared/timeline-bytes.js";
import { NdjsonTimeline } from "../render/ndjson/ndjson-timeline.js";
import { TextTimeline } from "../render/text/text-timeline.js";
import type { TimelineView } from "../render/shared/timeline.js";
import {
  DEFAULT_TIME_FORMAT,
  TIME_FORMAT_MEANINGS,
  TIME_FORMATS,
  type TimeFormat,
} from "../render/text/time-column.js";
import { addCommonOptions, selectorOf, type CommonOptions } from "./common-options.js";
import { addFindingOptions, findingThresholdsOf, type FindingOptions } from "./finding-options.js";
import { parseChoice, useColor } from "./options.js";
import { Output } from "./output.js";
import { runPipeline, type TimelineEvent } from "./pipeline.js";
import { EXIT, formatNotice } from "./problems.js";
import { readStatus } from "./read-inputs.js";
import { Selection } from "./selection.js";
import { SpillingRecordStore } from "./spilling-record-store.js";
import { outputColumns, parseWidth, WIDTH_OPTION } from "./terminal-width.js";

interface AnnotateOptions extends CommonOptions, FindingOptions {
  format: "text" | "ndjson";
  color: boolean;
  absolute: boolean;
  time: TimeFormat;
  brief: boolean;
  width?: number;
}

export function addAnnotateCommand(program: Command): void {
  const command = program
    .command("annotate", { isDefault: true })
    .description("print every TCP segment with relative seq/ack, both endpoints' states and an explanation")
    .argument("<capture...>", 'pcap or pcapng files (gzip too), or "-" for standard input')
    .option("-f, --format <format>", "text or ndjson", parseChoice(["text", "ndjson"] as const), "text")
    .option("--no-color", "never colour the output (colour is used only on a terminal, and never with NO_COLOR)")
    .option("--absolute", "print raw sequence and acknowledgment numbers instead of relative ones", false)
    .option(
      "-b, --brief",
      "one line per segment: flags, seq/ack, length, both states and the step, without the explanations",
      false,
    )
    .option("--time <format>", timeHelp(), parseChoice(TIME_FORMATS), DEFAULT_TIME_FORMAT)
    .option(...WIDTH_OPTION, parseWidth);
  addFindingOptions(addCommonOptions(command)).action(async (captures: string[], options: AnnotateOptions) => {
    process.exitCode = await annotate(captures, options);
  });
}

async function annotate(captures: string[], options: AnnotateOptions): Promise<number> {
  const output = new Output();
  const view = timelineView(options);
  const selection = new Selection(selectorOf(options));
  // Without selectors (most runs), no event needs its connection matched.
  const everything = selectsAll(selection.selector);
  const chosen = (event: TimelineEvent) => everything || isSelected(event, selection.selector);
  // Whether any capture's header was read: if none was, nothing is printed but the error.
  let announced = false;
  const run = await runPipeline(
    captures,
    options,
    {
      selection,
      annotator: {
        findings: findingThresholdsOf(options),
        // Zeek's verdicts are in the NDJSON connection records; the text timeline never shows them.
        zeek: options.format === "ndjson",
        // The brief timeline shows each segment's step but none of its explanation: only the steps are worked out.
        explain: options.format === "text" && options.brief ? "steps" : true,
        bytes: new TimelineBytes(view, output, chosen),
      },
      streaming: true,
      outputWhileReading: true,
    },
    {
      event(event) {
        if (chosen(event)) {
          view.event(event, output.bytes);
          output.wrote();
        }
      },
      // The NDJSON timeline has warning records; the text one leaves them to stderr.
      warning:
        options.format === "ndjson"
          ? (warning) => {
              view.event(warning, output.bytes);
              output.wrote();
            }
          : undefined,
      retired(connection, chosen) {
        if (chosen) view.retired(connection);
      },
      capture: (file, info) => {
        announced = true;
        output.write(view.capture(file, info));
      },
      ready: () => output.ready(),
    },
  );
  if (announced || run.error === undefined) view.end(run.totals, run.findings, output.bytes);
  output.flush();
  const status = readStatus(run);
  if (status === undefined) selection.sayIfNone(run.totals.connections);
  return status ?? EXIT.ok;
}

function timelineView(options: AnnotateOptions): TimelineView {
  if (options.format === "ndjson")
    return new NdjsonTimeline(
      options.lang,
      new SpillingRecordStore((message) => process.stderr.write(formatNotice(message) + "\n")),
    );
  return new TextTimeline({
    language: options.lang,
    color: useColor(options.color),
    absolute: options.absolute,
    columns: outputColumns(options.width),
    time: options.time,
    brief: options.brief,
  });
}

function timeHelp(): string {
  const formats = TIME_FORMATS.map((format) => `${format}: ${TIME_FORMAT_MEANINGS[format]}`);
  return `what the time column shows; ${formats.join("; ")}`;
}

function isSelected(event: TimelineEvent, selector: ConnectionSelector): boolean {
  switch (event.kind) {
    case "segment":
      return selects(selector, event.tracked.connection);
    case "timer":
      return selects(selector, event.expiry.connection);
    case "revision":
      return selects(selector, event.connection);
  }
}
