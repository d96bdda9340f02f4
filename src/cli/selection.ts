import { selects, selectsAll, type ConnectionSelector } from "../annotate/select.js";
import type { Connection } from "../track/connection.js";
import { formatNotice } from "./problems.js";

/**
 * The connections a command's selectors (--stream, --port, --host, --filter) chose, counted as
 * each is let go of, so that a selection that chose none is said on stderr rather than left as an
 * empty output and exit 0 that look like a capture without traffic.
 */
export class Selection {
  private chosen = 0;

  constructor(readonly selector: ConnectionSelector) {}

  /** Whether this connection is chosen; call once per connection (when it is retired). */
  choose(connection: Connection): boolean {
    const chosen = selects(this.selector, connection);
    if (chosen) this.chosen++;
    return chosen;
  }

  /** Says on stderr that nothing matched, if so: `connections` is how many the capture held. */
  sayIfNone(connections: number): void {
    if (this.chosen > 0 || selectsAll(this.selector)) return;
    const read =
      connections === 0
        ? "the capture holds no TCP connection"
        : connections === 1
          ? "the capture holds 1 connection: stream 0"
          : `the capture holds ${connections} connections: streams 0 to ${connections - 1}`;
    process.stderr.write(formatNotice(`no connection matched ${describe(this.selector)} (${read})`) + "\n");
  }
}

/** The selectors as they were given on the command line. */
function describe(selector: ConnectionSelector): string {
  const parts: string[] = [];
  if (selector.streams?.length) parts.push(`--stream ${selector.streams.join(",")}`);
  if (selector.ports?.length) parts.push(`--port ${selector.ports.join(",")}`);
  if (selector.hosts?.length) parts.push(`--host ${selector.hosts.join(",")}`);
  if (selector.filter !== undefined) parts.push(`--filter "${selector.filter.text}"`);
  return parts.join(" ");
}
