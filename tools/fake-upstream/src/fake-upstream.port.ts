/** The fake upstream's port when neither the command line nor FAKE_UPSTREAM_PORT gives one. */
export const DEFAULT_FAKE_UPSTREAM_PORT = 8090;

/**
 * The port to listen on: `value` (a command-line argument or `FAKE_UPSTREAM_PORT`) when set,
 * else 8090. 0 picks a free port.
 *
 * @throws when `value` is not an integer from 0 to 65535.
 */
export function fakeUpstreamPort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_FAKE_UPSTREAM_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid port "${value}": expected an integer from 0 to 65535.`);
  }
  return port;
}
