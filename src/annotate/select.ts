import type { Connection } from "../track/connection.js";
import type { ConnectionFilter } from "./filter/filter.js";

/** Narrows output (and checks) to some connections: by stream number, port or host address, or a filter expression. */
export interface ConnectionSelector {
  streams?: readonly number[];
  ports?: readonly number[];
  hosts?: readonly string[];
  filter?: ConnectionFilter | undefined;
}

/** Does the connection match every criterion given (any of the values within one)? */
export function selects(selector: ConnectionSelector, connection: Connection): boolean {
  const { client, server } = connection;
  if (selector.streams && selector.streams.length > 0 && !selector.streams.includes(connection.stream)) return false;
  if (
    selector.ports &&
    selector.ports.length > 0 &&
    !selector.ports.some((port) => port === client.port || port === server.port)
  ) {
    return false;
  }
  if (selector.hosts && selector.hosts.length > 0) {
    const hosts = selector.hosts.map((host) => host.toLowerCase());
    if (!hosts.includes(client.address) && !hosts.includes(server.address)) return false;
  }
  return selector.filter === undefined || selector.filter.matches(connection);
}

export function selectsAll(selector: ConnectionSelector): boolean {
  return (
    !selector.streams?.length && !selector.ports?.length && !selector.hosts?.length && selector.filter === undefined
  );
}
