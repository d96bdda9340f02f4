import type { Command } from "commander";
import { Annotator } from "../annotate/annotator.js";
import type { AnnotationEvent } from "../annotate/events.js";
import { selects, type ConnectionSelector } from "../annotate/select.js";
import { NdjsonTimeline } from "../render/ndjson-timeline.js";
import { TextTimeline } from "../render/text-timeline.js";
import type { TimelineView } from "../render/timeline.js";
import { TIME_FORMAT_MEANINGS, TIME_FORMATS, type TimeFormat } from "../render/time-column.js";
import { addCommonOptions, selectorOf, tunnelPortsOf, type CommonOptions } from "./common-options.js";
import { addFindingOptions, findingThresholdsOf, type FindingOptions } from "./finding-options.js";
import { parseChoice, useColor } from "./options.js";
import { Output } from "./output.js";
import { EXIT, formatNotice, formatWarning } from "./problems.js";
import { readInputs, readStatus } from "./read-inputs.js";
import { streamingRetention } from "./retention.js";
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
    .option("-b, --brief", "one line per segment: flags, seq/ack, length, both states and the step, without the explanations", false)
    .option("--time <format>", timeHelp(), parseChoice(TIME_FORMATS), "connection")
    .option(...WIDTH_OPTION, parseWidth);
  addFindingOptions(addCommonOptions(command)).action(async (captures: string[], options: AnnotateOptions) => {
    process.exitCode = await annotate(captures, options);
  });
}

async function annotate(captures: string[], options: AnnotateOptions): Promise<number> {
  const output = new Output();
  const view: TimelineView =
    options.format === "ndjson"
      ? new NdjsonTimeline(options.lang, new SpillingRecordStore((message) => process.stderr.write(formatNotice(message) + "\n")))
      : new TextTimeline({
          language: options.lang,
          color: useColor(options.color),
          absolute: options.absolute,
          columns: outputColumns(options.width),
          time: options.time,
          brief: options.brief,
        });
  const selection = new Selection(selectorOf(options));
  const selector = selection.selector;
  const annotator = new Annotator(
    {
      event(event) {
        if (event.kind === "warning" && options.format === "text") process.stderr.write(formatWarning(event) + "\n");
        if (isSelected(event, selector)) output.write(view.event(event));
      },
      retired: (connection) => selection.choose(connection) && view.retired(connection),
    },
    {
      ...streamingRetention(options.msl),
      // The brief timeline shows each segment's step but none of its explanation: only the steps are worked out.
      explain: options.format === "text" && options.brief ? "steps" : true,
      tunnelPorts: tunnelPortsOf(options),
      findings: findingThresholdsOf(options),
    },
  );
  // Whether any capture's header was read: if none was, nothing is printed but the error.
  let announced = false;
  const result = await readInputs(
    captures,
    annotator,
    {
      capture: (file, info) => {
        announced = true;
        output.write(view.capture(file, info));
      },
      idle: () => {
        annotator.flush();
        output.flush();
      },
      ready: () => output.ready(),
    },
    { strict: options.strict, quiet: options.quiet, outputWhileReading: true },
  );
  const totals = annotator.finish();
  if (announced || result.error === undefined) for (const piece of view.end(totals, annotator.findings)) output.write(piece);
  output.flush();
  const status = readStatus(result);
  if (status === undefined) selection.sayIfNone(totals.connections);
  return status ?? EXIT.ok;
}

function timeHelp(): string {
  const formats = TIME_FORMATS.map((format) => `${format}: ${TIME_FORMAT_MEANINGS[format]}`);
  return `what the time column shows; ${formats.join("; ")}`;
}

function isSelected(event: AnnotationEvent, selector: ConnectionSelector): boolean {
  switch (event.kind) {
    case "segment":
      return selects(selector, event.tracked.connection);
    case "timer":
      return selects(selector, event.expiry.connection);
    case "revision":
      return selects(selector, event.connection);
    case "warning":
      return true;
  }
}
