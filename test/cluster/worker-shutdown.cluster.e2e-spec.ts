import { runOnRedisCluster } from '../support/on-redis-cluster';
import { fundedCustomer } from '../support/customer';
import { startSystem } from '../support/system';

runOnRedisCluster();

/**
 * Stopping a system on a Redis Cluster while the worker still charges the last requests'
 * events. Nest ran the shared clients' onModuleDestroy (deepest modules first) before
 * @nestjs/bullmq closed the consumers, and a command sent to a disconnected Cluster client
 * waits for ever: the batch's settling never settled, Worker.close() waited for its jobs,
 * and the suite's afterAll passed its 90 s (every time here, within the first round).
 */
it('stops within seconds right after serving requests, round after round', async () => {
  for (let round = 0; round < 3; round++) {
    const system = await startSystem();
    const customer = await fundedCustomer(system, '10');
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await fetch(`${system.gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'magistral-medium-latest',
            messages: [{ role: 'user', content: 'Hello' }],
          }),
        });
        await response.text();
        return response.status;
      }),
    );
    expect(statuses.every((status) => status === 200)).toBe(true);
    const started = Date.now();
    await system.stop();
    expect(Date.now() - started).toBeLessThan(20_000);
  }
});
