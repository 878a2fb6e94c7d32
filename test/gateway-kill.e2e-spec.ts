import type { ChildProcess } from 'node:child_process';
import Decimal from 'decimal.js';
import { waitFor } from '@app/testing';
import { fundedCustomer } from './support/customer';
import { freePort, spawnGatewayProcess } from './support/gateway-process';
import { startSystem, type TestSystem } from './support/system';
import { usageQueue } from './support/usage-events';

const CLIENTS = 24;
/** Answers to wait for before the kill; requests keep flowing meanwhile. */
const ANSWERS_BEFORE_KILL = 60;

/**
 * The gateway group-commits usage events, so this attacks the guarantee that pays for it:
 * an answer the client received is metered even if the gateway is SIGKILLed right after.
 * Many clients send streamed and whole requests; the gateway is killed while they do;
 * every request whose answer arrived complete must be charged exactly once.
 */
describe('a gateway process killed under load', () => {
  let system: TestSystem;
  let gateway: ChildProcess | undefined;
  let port: number;

  beforeAll(async () => {
    system = await startSystem();
    port = await freePort();
    await spawnGatewayProcess(system.config, port, system.upstream.url, (child) => {
      gateway = child;
    });
  }, 60_000);
  afterAll(async () => {
    gateway?.kill('SIGKILL');
    await system?.stop();
  });

  it('charges every answered request once, and nothing it did not serve', async () => {
    const customer = await fundedCustomer(system, '10');
    const answered = new Set<string>();
    let killed = false;
    const exited = new Promise((resolve) => gateway!.once('exit', resolve));
    const client = async (n: number) => {
      for (let i = 0; !killed; i++) {
        const id = await ask(port, customer.key, (n + i) % 2 === 0).catch(() => undefined);
        if (id === undefined) continue;
        answered.add(id);
        if (answered.size >= ANSWERS_BEFORE_KILL && !killed) {
          // The moment an answer is complete on the client: no grace for the gateway.
          killed = true;
          gateway!.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    await exited;

    const chargedIds = async () =>
      new Set(
        (
          await system.prisma.usageRecord.findMany({
            where: { accountId: customer.accountId },
            select: { id: true },
          })
        ).map((record) => record.id),
      );
    await waitFor('every answered request to be charged', async () => {
      const charged = await chargedIds();
      return [...answered].every((id) => charged.has(id)) ? true : undefined;
    });
    // Requests served but cut off by the kill may be charged too: let them all arrive.
    const { queue } = usageQueue(system.config);
    await waitFor('the usage queue to be empty', async () =>
      (await queue.getWaitingCount()) + (await queue.getActiveCount()) === 0 ? true : undefined,
    );
    await queue.close();

    const records = await system.prisma.usageRecord.findMany({
      where: { accountId: customer.accountId },
    });
    expect(records.length).toBeGreaterThanOrEqual(answered.size);
    // Nothing charged twice, and the balance moved by exactly what was charged.
    const entries = await system.prisma.ledgerEntry.findMany({
      where: { accountId: customer.accountId, kind: 'usage' },
    });
    expect(entries.length).toBe(records.length);
    expect(new Set(entries.map((entry) => entry.usageRecordId)).size).toBe(records.length);
    const total = records.reduce((sum, record) => sum.plus(record.cost.toString()), new Decimal(0));
    expect(new Decimal(await customer.balance()).toString()).toBe(
      new Decimal(10).minus(total).toString(),
    );
  }, 60_000);
});

/** One request to the killed-to-be gateway; resolves with its id only if its answer arrived whole. */
async function ask(port: number, key: string, stream: boolean): Promise<string | undefined> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'magistral-medium-latest',
      messages: [{ role: 'user', content: 'Hi' }],
      stream,
    }),
  });
  const text = await response.text();
  if (response.status !== 200) return undefined;
  if (!stream) return (JSON.parse(text) as { id: string }).id;
  if (!text.includes('data: [DONE]')) return undefined;
  return /"id":"(gen_[0-9A-Za-z]+)"/.exec(text)?.[1];
}
