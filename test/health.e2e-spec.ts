import { testConfig, waitFor } from '@app/testing';
import { startGateway } from './support/boot';
import { PrivateRedis } from './support/private-redis';
import { startSystem, type TestSystem } from './support/system';

describe('health', () => {
  let redis: PrivateRedis;
  let system: TestSystem;

  beforeAll(async () => {
    redis = await PrivateRedis.onFreePort();
    await redis.start();
    system = await startSystem({ worker: false, env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await system.stop();
    await redis.destroy();
  });

  it('is live and ready when PostgreSQL and Redis answer', async () => {
    const live = await fetch(`${system.gateway.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${system.gateway.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('answers 503 naming Redis when Redis is gone, and 200 again once it is back', async () => {
    await redis.kill();
    const ready = await fetch(`${system.gateway.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      checks: { postgres: 'ok', redis: 'down' },
    });
    // Still alive: a load balancer must not restart a gateway for its Redis.
    expect((await fetch(`${system.gateway.url}/health/live`)).status).toBe(200);

    await redis.start();
    await waitFor('the gateway to be ready again', async () =>
      (await fetch(`${system.gateway.url}/health/ready`)).status === 200 ? true : undefined,
    );
  });
});

describe('health without PostgreSQL', () => {
  it('answers 503 naming PostgreSQL when it cannot be reached', async () => {
    // A free port with no server started on it: nothing answers there.
    const nobody = await PrivateRedis.onFreePort();
    const config = testConfig({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${nobody.port}/keeprouter`,
    });
    const gateway = await startGateway(config);
    try {
      const ready = await fetch(`${gateway.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        checks: { postgres: 'down', redis: 'ok' },
      });
    } finally {
      await gateway.close();
      await nobody.destroy();
    }
  });
});
