import type { Role } from "../track/states.js";
import type { Language } from "./catalog/index.js";
import { sayLines, type Explanation, type LineSayer } from "./explainer.js";
import { KnownTemplate, writeMessage, type DurationSink } from "./format.js";
import { isShared, type Message, type MessageValue } from "./message.js";
import { PLAIN_KEYS, PLAIN_PARAMETERS } from "./plain-lines.js";

/** Where an explanation's lines are written: a DurationSink told where each line starts (with its place) and ends, for what goes between. */
export interface LineSink extends DurationSink {
  lineStart(index: number): void;
  lineEnd(): void;
  /**
   * A shared message (isShared), whose text is the same every time: written as writeMessage
   * writes it, or as the sink kept it. Without, it is written as any other.
   */
  sharedMessage?(line: Message): void;
}

/**
 * An explanation's lines written into a sink in one language, one after the other. A plain
 * explanation's lines (plain-lines.ts) are written as they are said, their values put in place
 * in arrays of this writer's own and their templates looked up once (KnownTemplate): no message
 * is made for them, and no template or value looked up by name. One per timeline, its sink
 * pointed at each output in turn.
 */
export class LineWriter implements LineSayer {
  private index = 0;
  private readonly templates: Readonly<Record<keyof typeof PLAIN_KEYS, KnownTemplate>>;
  /** Each plain line's values, in the order of its PLAIN_PARAMETERS. */
  private readonly dataValues: MessageValue[] = ["client", 0, 0, 0];
  private readonly ackValues: MessageValue[] = ["client", 0];
  private readonly otherValues: MessageValue[] = ["client", ""];
  private readonly ackedFrameValues: MessageValue[] = [0];
  private readonly ackRttValues: MessageValue[] = [0, 0];

  constructor(
    private readonly language: Language,
    private readonly sink: LineSink,
  ) {
    const known = (line: keyof typeof PLAIN_KEYS, millisParameter?: string) =>
      new KnownTemplate(PLAIN_KEYS[line], language, PLAIN_PARAMETERS[line], millisParameter);
    this.templates = {
      data: known("data"),
      ack: known("ack"),
      other: known("other"),
      ackedFrame: known("ackedFrame"),
      // The RTT given in seconds, written in milliseconds by the sink: no string made for each of the many ACKs.
      ackRtt: known("ackRtt", "rtt"),
    };
  }

  /** The explanation's lines. */
  explanation(explanation: Explanation): void {
    this.index = 0;
    sayLines(explanation, this);
  }

  /** These messages, as lines of one explanation. */
  messages(messages: readonly Message[]): void {
    this.index = 0;
    for (let i = 0; i < messages.length; i++) this.message(messages[i]!);
  }

  message(line: Message): void {
    const sink = this.sink;
    sink.lineStart(this.index++);
    if (sink.sharedMessage !== undefined && isShared(line)) sink.sharedMessage(line);
    else writeMessage(line, this.language, sink);
    sink.lineEnd();
  }

  data(who: Role, len: number, seq: number, end: number): void {
    const values = this.dataValues;
    values[0] = who;
    values[1] = len;
    values[2] = seq;
    values[3] = end;
    this.write(this.templates.data, values);
  }

  ack(who: Role, ack: number): void {
    const values = this.ackValues;
    values[0] = who;
    values[1] = ack;
    this.write(this.templates.ack, values);
  }

  other(who: Role, flags: string): void {
    const values = this.otherValues;
    values[0] = who;
    values[1] = flags;
    this.write(this.templates.other, values);
  }

  ackedFrame(frame: number): void {
    this.ackedFrameValues[0] = frame;
    this.write(this.templates.ackedFrame, this.ackedFrameValues);
  }

  ackRtt(frame: number, rtt: number): void {
    const values = this.ackRttValues;
    values[0] = frame;
    values[1] = rtt;
    this.write(this.templates.ackRtt, values);
  }

  private write(template: KnownTemplate, values: readonly MessageValue[]): void {
    this.sink.lineStart(this.index++);
    template.write(values, this.sink);
    this.sink.lineEnd();
  }
}
