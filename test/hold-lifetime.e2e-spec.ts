import { Logger } from '@nestjs/common';
import { Money } from '@app/pricing';
import { LowBalanceWebhookProducer } from '@app/queue';
import { SpendControlStore } from '@app/spend-control';
import { waitFor } from '@app/testing';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

/** The in-flight lifetime of a hold in this file: 15 minutes in production. */
const IN_FLIGHT_MS = 1_500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 10, hole 5: a hold lives until its event is charged or released; settling after
 * the charge commits is retried until done; a low-balance crossing is marked sent only
 * once its webhook is queued.
 */
describe('hold lifetime and settling after the commit', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({
      worker: false,
      env: { HOLD_IN_FLIGHT_TTL_MS: String(IN_FLIGHT_MS) },
    });
  });
  beforeEach(() => {
    system.upstream.reset();
    // One request holds its small input plus 1,000 output tokens at $5/M (just over $0.005)
    // and costs $0.00502: a balance of $0.008 covers one such request, not two.
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 10, completionTokens: 1000 },
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await system.stopWorker();
  });
  afterAll(async () => {
    await system.stop();
  });

  const chat = (key: string) =>
    fetch(`${system.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'magistral-medium-latest',
        messages: [{ role: 'user', content: 'Hello' }],
        max_tokens: 1000,
      }),
    });
  const metric = async (name: string) => {
    const text = await (await fetch(`${system.gateway.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? undefined : Number(line.split(' ')[1]);
  };

  it('keeps the hold of a served request past its in-flight lifetime while the worker is down: the money is not spent twice', async () => {
    const customer = await fundedCustomer(system, '0.008');
    expect((await chat(customer.key)).status).toBe(200);
    // The worker is down (or behind, or the event is in the failed set) for longer than
    // any in-flight lifetime: the served request's hold must still be there.
    await pause(IN_FLIGHT_MS * 2);
    const again = await chat(customer.key);
    expect(again.status).toBe(402);
    expect(system.upstream.requests).toHaveLength(1);
    await system.startWorker();
    await customer.priced(1);
    await customer.settled();
    expect(await customer.balance()).toBe('0.00298');
    expect(await metric('keeprouter_holds_expired_total')).toBe(0);
  });

  it('expires a hold that nothing ended (its gateway died mid-request) only as a last resort: counted and logged as an error', async () => {
    const customer = await fundedCustomer(system, '1');
    const errors = jest.spyOn(Logger.prototype, 'error');
    const before = (await metric('keeprouter_holds_expired_total')) ?? 0;
    const store = system.gateway.app.get(SpendControlStore);
    const reserved = await store.reserve({
      accountId: customer.accountId,
      keyId: customer.keyId,
      holdId: 'gen_diedmidrequest000000000',
      amount: new Money('0.25'),
      keySpendLimit: null,
    });
    expect(reserved.status).toBe('ok');
    expect((await customer.get('/v1/account')).available).toBe('0.75');
    await pause(IN_FLIGHT_MS * 2);
    expect((await customer.get('/v1/account')).available).toBe('1');
    expect(await metric('keeprouter_holds_expired_total')).toBe(before + 1);
    expect(
      errors.mock.calls.some(([message]) => String(message).includes(customer.accountId)),
    ).toBe(true);
  });

  it('settles Redis after the commit until done: a failed settle leaves no stale balance to overspend', async () => {
    const customer = await fundedCustomer(system, '0.008');
    await system.startWorker();
    const store = system.worker!.get(SpendControlStore);
    const settle = jest.spyOn(store, 'settle');
    // Redis blinks after the charge commits, long enough to fail the job once.
    for (let i = 0; i < 5; i++) settle.mockRejectedValueOnce(new Error('Redis unavailable'));
    expect((await chat(customer.key)).status).toBe(200);
    await customer.priced(1);
    await customer.settled();
    expect(await customer.balance()).toBe('0.00298');
    // $0.00298 is left: it cannot cover another $0.005 hold.
    const again = await chat(customer.key);
    expect(again.status).toBe(402);
    expect(await customer.balance()).toBe('0.00298');
  });

  it('marks a low-balance crossing sent only once its webhook is queued', async () => {
    const customer = await fundedCustomer(system, '0.008');
    await system.prisma.account.update({
      where: { id: customer.accountId },
      data: { lowBalanceThreshold: '0.005', webhookUrl: 'https://hooks.invalid/low-balance' },
    });
    await system.startWorker();
    const queued: Array<{ accountId: string; balance: string }> = [];
    let failures = 0;
    jest
      .spyOn(system.worker!.get(LowBalanceWebhookProducer), 'enqueue')
      .mockImplementation(async (webhook) => {
        // The queue blinks after the charge commits, long enough to fail the job once.
        if (failures++ < 5) throw new Error('queue unavailable');
        queued.push(webhook);
      });
    expect((await chat(customer.key)).status).toBe(200);
    await customer.priced(1);
    await waitFor('the crossing webhook to be queued', () => (queued.length ? true : undefined));
    expect(queued).toEqual([
      expect.objectContaining({ accountId: customer.accountId, balance: '0.00298' }),
    ]);
  });
});
