import { readProcessEnv } from '@app/config';
import { fakeUpstreamPort } from './fake-upstream.port';
import { startFakeUpstream } from './fake-upstream.server';

const DEFAULT_HOST = '127.0.0.1';

async function main(): Promise<void> {
  // Recording is off: this process may serve a dev session for hours.
  const upstream = await startFakeUpstream({
    port: fakeUpstreamPort(process.argv[2] ?? readProcessEnv().FAKE_UPSTREAM_PORT),
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
