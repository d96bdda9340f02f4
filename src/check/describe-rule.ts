import { formatDuration } from "../render/shared/quantities.js";
import { COUNTED_FINDINGS, type RuleSpec } from "./rules.js";

/** The rule in plain words, as verdicts and JUnit test names show it. */
export function describeRule(spec: RuleSpec): string {
  switch (spec.kind) {
    case "handshake":
      return "every connection completes its handshake";
    case "graceful-close":
      return "every connection closes gracefully (FIN both ways, no RST)";
    case "no-rst":
      return spec.from === undefined ? "no RST" : `no RST from the ${spec.from}`;
    case "no-refused":
      return "no refused connection";
    case "no-one-side-gone":
      return "no connection left with one side gone while the other still holds it";
    case "no-finding":
      return `no ${spec.finding} in the capture`;
    case "max-syn-rcvd":
      return `at most ${spec.max} connection${spec.max === 1 ? "" : "s"} in SYN_RCVD at once`;
    case "max-count":
      return `at most ${spec.max} ${COUNTED_FINDINGS[spec.finding]} segment${spec.max === 1 ? "" : "s"} per connection`;
    case "max-handshake-rtt":
      return `handshake RTT (iRTT) at most ${formatDuration(spec.maxSeconds)}`;
    case "connection-count":
      return `${spec.atLeast ? "at least" : "exactly"} ${spec.count} connection${spec.count === 1 ? "" : "s"}`;
    case "final-state":
      return `the ${spec.endpoint} ends in ${spec.state}`;
  }
}
