import { startFakeUpstream } from './fake-upstream.server';

const DEFAULT_PORT = 8090;
const DEFAULT_HOST = '127.0.0.1';

function parsePort(arg: string | undefined): number {
  if (arg === undefined) return DEFAULT_PORT;
  const port = Number(arg);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid port "${arg}": expected an integer from 0 to 65535.`);
  }
  return port;
}

async function main(): Promise<void> {
  // Recording is off: this process may serve a dev session for hours.
  const upstream = await startFakeUpstream({
    port: parsePort(process.argv[2]),
    // A container passes 0.0.0.0 so that its neighbours can reach it.
    host: process.argv[3] ?? DEFAULT_HOST,
    recordRequests: false,
  });
  process.stdout.write(`Fake upstream listening on ${upstream.url}\n`);
  const stop = (): void => {
    upstream.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
