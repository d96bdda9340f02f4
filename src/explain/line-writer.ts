import type { Role } from "../track/states.js";
import type { Language } from "./catalog/index.js";
import { sayLines, type Explanation, type LineSayer } from "./explainer.js";
import { KnownTemplate, writeMessage, type MessageSink } from "./format.js";
import type { Message } from "./message.js";
import { PLAIN_KEYS } from "./plain-lines.js";

/** Where an explanation's lines are written: a MessageSink told where each line starts (with its place) and ends, for what goes between. */
export interface LineSink extends MessageSink {
  lineStart(index: number): void;
  lineEnd(): void;
}

/**
 * An explanation's lines written into a sink in one language, one after the other. A plain
 * explanation's lines (plain-lines.ts) are written as they are said, into values objects of this
 * writer's own and templates looked up once: no message is made for them, and no template looked
 * up by key. One per output (the timelines).
 */
export class LineWriter implements LineSayer {
  private index = 0;
  private readonly templates: Readonly<Record<keyof typeof PLAIN_KEYS, KnownTemplate>>;
  private readonly dataValues = { who: "client" as Role, len: 0, seq: 0, end: 0 };
  private readonly ackValues = { who: "client" as Role, ack: 0 };
  private readonly otherValues = { who: "client" as Role, flags: "" };
  private readonly ackedFrameValues = { frame: 0 };
  private readonly ackRttValues = { frame: 0, rtt: "" };

  constructor(
    private readonly language: Language,
    private readonly sink: LineSink,
  ) {
    const known = (key: (typeof PLAIN_KEYS)[keyof typeof PLAIN_KEYS]) => new KnownTemplate(key, language);
    this.templates = {
      data: known(PLAIN_KEYS.data),
      ack: known(PLAIN_KEYS.ack),
      other: known(PLAIN_KEYS.other),
      ackedFrame: known(PLAIN_KEYS.ackedFrame),
      ackRtt: known(PLAIN_KEYS.ackRtt),
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
    this.sink.lineStart(this.index++);
    writeMessage(line, this.language, this.sink);
    this.sink.lineEnd();
  }

  data(who: Role, len: number, seq: number, end: number): void {
    const values = this.dataValues;
    values.who = who;
    values.len = len;
    values.seq = seq;
    values.end = end;
    this.write(this.templates.data, values);
  }

  ack(who: Role, ack: number): void {
    const values = this.ackValues;
    values.who = who;
    values.ack = ack;
    this.write(this.templates.ack, values);
  }

  other(who: Role, flags: string): void {
    const values = this.otherValues;
    values.who = who;
    values.flags = flags;
    this.write(this.templates.other, values);
  }

  ackedFrame(frame: number): void {
    this.ackedFrameValues.frame = frame;
    this.write(this.templates.ackedFrame, this.ackedFrameValues);
  }

  ackRtt(frame: number, rtt: string): void {
    const values = this.ackRttValues;
    values.frame = frame;
    values.rtt = rtt;
    this.write(this.templates.ackRtt, values);
  }

  private write(template: KnownTemplate, values: Record<string, string | number>): void {
    this.sink.lineStart(this.index++);
    template.write(values, this.sink);
    this.sink.lineEnd();
  }
}
