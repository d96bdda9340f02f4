import type { Connection } from "../../track/connection.js";
import type { Endpoint } from "../../track/endpoint.js";
import { addressBytes, withinPrefix, type AddressBytes } from "./address-text.js";
import { FilterError } from "./filter-error.js";
import { tokenize, type Token } from "./tokens.js";

/**
 * A connection filter in tcpdump's words (pcap-filter(7)): host, net, port and portrange, each
 * with src or dst, ip, ip6 and tcp, joined by and, or, not and parentheses. It chooses whole
 * connections, as every command shows or judges whole connections: src is the client (who
 * opened it), dst the server. The grammar is in docs/filter.md.
 */
export interface ConnectionFilter {
  /** The expression as given. */
  readonly text: string;
  matches(connection: Connection): boolean;
}

type Direction = "src" | "dst" | "src or dst" | "src and dst";
type Kind = "host" | "net" | "port" | "portrange";

type Node =
  | { kind: "and" | "or"; left: Node; right: Node }
  | { kind: "not"; operand: Node }
  | { kind: "host"; direction: Direction; address: AddressBytes }
  | { kind: "net"; direction: Direction; prefix: AddressBytes; bits: number }
  | { kind: "port"; direction: Direction; low: number; high: number }
  | { kind: "family"; bytes: 4 | 16 }
  | { kind: "any" };

const KINDS: readonly string[] = ["host", "net", "port", "portrange"];
const KEYWORDS = new Set([
  "and",
  "&&",
  "or",
  "||",
  "not",
  "!",
  "(",
  ")",
  "src",
  "dst",
  "mask",
  "tcp",
  "ip",
  "ip6",
  ...KINDS,
]);
const WORDS = "host, net, port, portrange, src, dst, ip, ip6, tcp, and, or, not and parentheses";

/** Reads a filter expression; a FilterError says what is wrong and where. */
export function parseFilter(text: string): ConnectionFilter {
  const root = new Parser(text).parse();
  const verdicts = new WeakMap<Connection, boolean>();
  return {
    text,
    matches(connection) {
      let verdict = verdicts.get(connection);
      if (verdict === undefined) verdicts.set(connection, (verdict = evaluate(root, ends(connection))));
      return verdict;
    },
  };
}

interface End {
  address: AddressBytes | undefined;
  port: number;
}

function ends(connection: Connection): { src: End; dst: End } {
  const end = (endpoint: Endpoint) => ({ address: addressBytes(endpoint.address), port: endpoint.port });
  return { src: end(connection.client), dst: end(connection.server) };
}

function evaluate(node: Node, connection: { src: End; dst: End }): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, connection) && evaluate(node.right, connection);
    case "or":
      return evaluate(node.left, connection) || evaluate(node.right, connection);
    case "not":
      return !evaluate(node.operand, connection);
    case "any":
      return true;
    case "family":
      return connection.src.address?.length === node.bytes;
    case "host":
      return onEnds(
        node.direction,
        connection,
        (end) => end.address !== undefined && withinPrefix(end.address, node.address, node.address.length * 8),
      );
    case "net":
      return onEnds(
        node.direction,
        connection,
        (end) => end.address !== undefined && withinPrefix(end.address, node.prefix, node.bits),
      );
    case "port":
      return onEnds(node.direction, connection, (end) => end.port >= node.low && end.port <= node.high);
  }
}

function onEnds(direction: Direction, { src, dst }: { src: End; dst: End }, test: (end: End) => boolean): boolean {
  switch (direction) {
    case "src":
      return test(src);
    case "dst":
      return test(dst);
    case "src or dst":
      return test(src) || test(dst);
    case "src and dst":
      return test(src) && test(dst);
  }
}

/** Recursive descent over the tokens: or binds loosest, then and, then not (pcap-filter's precedence). */
class Parser {
  private readonly tokens: Token[];
  private at = 0;
  /** The qualifiers of the last primitive, which a bare value takes ("port 80 or 443"). */
  private last: { direction: Direction; kind: Kind } | undefined;

  constructor(private readonly text: string) {
    this.tokens = tokenize(text);
  }

  parse(): Node {
    if (this.tokens.length === 0) throw new FilterError("the filter is empty", 0, 1);
    const node = this.or();
    const extra = this.peek();
    if (extra !== undefined)
      throw this.error(
        extra.text === ")" ? 'a ")" without its "("' : `expected "and" or "or" before "${extra.text}"`,
        extra,
      );
    return node;
  }

  private or(): Node {
    let node = this.and();
    while (this.is("or", "||")) {
      this.at++;
      node = { kind: "or", left: node, right: this.and() };
    }
    return node;
  }

  private and(): Node {
    let node = this.unary();
    while (this.is("and", "&&")) {
      this.at++;
      node = { kind: "and", left: node, right: this.unary() };
    }
    return node;
  }

  private unary(): Node {
    const token = this.expect("a condition (host, net, port, ...)");
    if (token.text === "not" || token.text === "!") return { kind: "not", operand: this.unary() };
    if (token.text === "(") {
      const node = this.or();
      if (!this.is(")")) throw this.error(`expected ")" to close the "(" at column ${token.offset + 1}`, this.peek());
      this.at++;
      return node;
    }
    this.at--;
    return this.primitive();
  }

  private primitive(): Node {
    const first = this.expect("a condition");
    if (first.text === "tcp") return { kind: "any" };
    if (first.text === "ip" || first.text === "ip6") return { kind: "family", bytes: first.text === "ip" ? 4 : 16 };
    this.at--;
    const direction = this.direction();
    const kind = this.kind(direction);
    this.last = { direction: direction ?? this.last?.direction ?? "src or dst", kind };
    const value = this.expect(
      kind === "host" ? "an address" : kind === "net" ? "a network" : kind === "port" ? "a port" : "a port range",
    );
    if (KEYWORDS.has(value.text))
      throw this.error(
        `expected ${describeValue(kind)} after "${this.tokens[this.at - 2]?.text ?? kind}", found "${value.text}"`,
        value,
      );
    return this.value(kind, this.last.direction, value);
  }

  /** src, dst, "src or dst", "src and dst", or none given. */
  private direction(): Direction | undefined {
    const token = this.peek();
    if (token?.text !== "src" && token?.text !== "dst") return undefined;
    this.at++;
    const join = this.peek()?.text;
    const other = this.tokens[this.at + 1]?.text;
    if ((join === "or" || join === "and") && (other === "src" || other === "dst") && other !== token.text) {
      this.at += 2;
      return join === "or" ? "src or dst" : "src and dst";
    }
    return token.text;
  }

  /** host, net, port or portrange; none given: the last primitive's, else host (as pcap-filter assumes). */
  private kind(direction: Direction | undefined): Kind {
    const token = this.peek();
    if (token !== undefined && KINDS.includes(token.text)) {
      this.at++;
      return token.text as Kind;
    }
    if (
      token !== undefined &&
      !KEYWORDS.has(token.text) &&
      direction === undefined &&
      this.last === undefined &&
      !looksLikeAddress(token.text)
    ) {
      throw this.error(`unknown word "${token.text}": this filter knows ${WORDS}`, token);
    }
    return direction === undefined ? (this.last?.kind ?? "host") : "host";
  }

  private value(kind: Kind, direction: Direction, token: Token): Node {
    switch (kind) {
      case "host":
        return { kind: "host", direction, address: this.address(token) };
      case "net":
        return this.net(direction, token);
      case "port": {
        const port = this.port(token.text, token);
        return { kind: "port", direction, low: port, high: port };
      }
      case "portrange": {
        const [low, high, ...rest] = token.text.split("-");
        if (low === undefined || high === undefined || rest.length > 0)
          throw this.error(`expected a port range such as 1000-2000, found "${token.text}"`, token);
        const range = { low: this.port(low, token), high: this.port(high, token) };
        if (range.low > range.high) throw this.error(`the range ${token.text} ends before it starts`, token);
        return { kind: "port", direction, ...range };
      }
    }
  }

  private address(token: Token): AddressBytes {
    const bytes = addressBytes(token.text);
    if (bytes !== undefined) return bytes;
    throw this.error(`expected an IPv4 or IPv6 address, found "${token.text}" (host names are not looked up)`, token);
  }

  /** "10.1", "10.1.0.0/16", "10.1.0.0 mask 255.255.0.0", "2001:db8::/32". */
  private net(direction: Direction, token: Token): Node {
    const [text = "", length] = token.text.split("/");
    let prefix: AddressBytes;
    let bits: number;
    if (length !== undefined) {
      prefix = this.address({ text, offset: token.offset });
      bits = Number(length);
      if (!/^\d+$/.test(length) || bits > prefix.length * 8)
        throw this.error(
          `"/${length}" is not a prefix length of ${prefix.length === 4 ? "IPv4 (0 to 32)" : "IPv6 (0 to 128)"}`,
          token,
        );
    } else if (this.is("mask")) {
      this.at++;
      prefix = this.address(token);
      const mask = this.expect("a mask such as 255.255.0.0");
      bits = maskBits(this.address(mask), () =>
        this.error(`"${mask.text}" is not a mask: its one bits must come first`, mask),
      );
    } else {
      const octets = text.split(".");
      if (octets.length > 4 || !octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) < 256)) {
        throw this.error(`expected a network such as 10.1, 10.1.0.0/16 or 2001:db8::/32, found "${token.text}"`, token);
      }
      prefix = Uint8Array.from([...octets.map(Number), 0, 0, 0].slice(0, 4));
      bits = octets.length * 8;
    }
    if (!zeroPast(prefix, bits)) throw this.error(`"${token.text}" has bits set past its ${bits}-bit prefix`, token);
    return { kind: "net", direction, prefix, bits };
  }

  private port(text: string, token: Token): number {
    const port = Number(text);
    if (!/^\d+$/.test(text) || port > 65535)
      throw this.error(`expected a port number from 0 to 65535, found "${text}"`, token);
    return port;
  }

  private is(...words: string[]): boolean {
    const token = this.peek();
    return token !== undefined && words.includes(token.text);
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  /** The next token, or an error pointing past the end when the expression stops short. */
  private expect(what: string): Token {
    const token = this.tokens[this.at++];
    if (token === undefined) throw new FilterError(`expected ${what} at the end`, this.text.length, 1);
    return token;
  }

  private error(message: string, token: Token | undefined): FilterError {
    return token === undefined
      ? new FilterError(`${message}, at the end`, this.text.length, 1)
      : new FilterError(message, token.offset, token.text.length);
  }
}

function describeValue(kind: Kind): string {
  return { host: "an address", net: "a network", port: "a port number", portrange: "a port range" }[kind];
}

function looksLikeAddress(text: string): boolean {
  return /^[\d.:a-fA-F/]+$/.test(text) && /[.:]/.test(text);
}

/** The prefix length of a contiguous mask: ones, then only zeros. */
function maskBits(mask: AddressBytes, notContiguous: () => Error): number {
  let bits = 0;
  for (const byte of mask) for (let bit = 7; bit >= 0; bit--) if (byte & (1 << bit)) bits++;
  if (
    !zeroPast(mask, bits) ||
    !withinPrefix(
      mask,
      mask.map(() => 0xff),
      bits,
    )
  )
    throw notContiguous();
  return bits;
}

/** Whether every bit past the first `bits` is zero. */
function zeroPast(bytes: AddressBytes, bits: number): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const kept = Math.max(0, Math.min(8, bits - 8 * i));
    if ((bytes[i]! & (0xff >> kept)) !== 0) return false;
  }
  return true;
}
