import { costOf, formatMoney, Money } from '@app/pricing';
import { waitFor } from '@app/testing';
import { chatInputTokenBound } from '@app/llm-formats';
import { CacheInvalidationService } from '../apps/gateway/src/auth/cache-invalidation.service';
import { type RunningGateway, startGateway } from './support/boot';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const messages = [{ role: 'user' as const, content: 'Hello' }];
const magistral = { inputPerMillion: new Money(2), outputPerMillion: new Money(5) };

describe('spend control', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  const chat = (key: string, body: object = {}, gateway = system.gateway.url) =>
    fetch(`${gateway}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'magistral-medium-latest', messages, ...body }),
    });

  it('lets 50 concurrent requests spend no more than a balance that covers 2', async () => {
    // The hold of each request: the bound of its input (a token per byte of the body sent)
    // plus max_tokens, at the model's prices; it is billed at the same counts here.
    const inputTokens = chatInputTokenBound({
      model: 'magistral-medium-latest',
      messages,
      max_tokens: 100,
    });
    const maxCost = costOf({ inputTokens, outputTokens: 100 }, magistral);
    const balance = maxCost.times(2).plus('0.00005');
    const customer = await fundedCustomer(system, formatMoney(balance));
    system.upstream.setDefault({
      kind: 'reply',
      delayMs: 300,
      usage: { promptTokens: inputTokens, completionTokens: 100 },
    });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => chat(customer.key, { max_tokens: 100 })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    expect(statuses.filter((s) => s === 402)).toHaveLength(48);
    expect(system.upstream.requests).toHaveLength(2);
    await customer.priced(2);
    expect(await customer.balance()).toBe(formatMoney(balance.minus(maxCost.times(2))));
    expect(new Money(await customer.balance()).gte(0)).toBe(true);
    // Every hold is released once priced: all of the rest is available again.
    await waitFor('holds to be settled', async () => {
      const account = await customer.get('/v1/account');
      return account.available === account.balance ? account : undefined;
    });
  });

  it('charges exactly 200 × the cost for 200 concurrent requests on one account', async () => {
    const customer = await fundedCustomer(system, '100');
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const answers = await Promise.all(Array.from({ length: 200 }, () => chat(customer.key)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await customer.priced(200);
    expect(await customer.balance()).toBe('99.1');
    expect((await customer.get('/v1/account')).spent_total).toBe('0.9');
  });

  it('refuses the next request once the balance reaches zero', async () => {
    const customer = await fundedCustomer(system, '0.0045');
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    expect((await chat(customer.key, { max_tokens: 500 })).status).toBe(200);
    await customer.priced(1);
    expect(await customer.balance()).toBe('0');
    const refused = await chat(customer.key, { max_tokens: 500 });
    expect(refused.status).toBe(402);
    expect(((await refused.json()) as any).error.code).toBe('insufficient_balance');
  });

  it('refuses a key whose spend limit (with its holds) cannot cover the next request (403)', async () => {
    const customer = await fundedCustomer(system, '10');
    await system.prisma.apiKey.update({
      where: { id: customer.keyId },
      data: { spendLimit: '0.005' },
    });
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    // Each holds its input bound plus 500 output tokens (≥ $0.0025 of the $0.005).
    expect((await chat(customer.key, { max_tokens: 500 })).status).toBe(200);
    await customer.priced(1);
    // Spent $0.0045: what is left cannot cover another request's hold.
    const refused = await chat(customer.key, { max_tokens: 500 });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as any).error.code).toBe('key_spend_limit_reached');
    expect(await customer.balance()).toBe('9.9955');
  });

  it('limits requests per minute per key (429 with retry-after)', async () => {
    const customer = await fundedCustomer(system, '10');
    await system.prisma.apiKey.update({
      where: { id: customer.keyId },
      data: { rateLimitPerMinute: 3 },
    });
    // Not across a minute boundary: the window is the clock's minute.
    await waitFor(
      'a fresh minute window',
      () => (new Date().getSeconds() < 50 ? true : undefined),
      15_000,
    );
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await chat(customer.key));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const limited = statuses[3];
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(system.upstream.requests).toHaveLength(3);
  });

  describe('with a second gateway', () => {
    let second: RunningGateway;
    beforeAll(async () => {
      second = await startGateway(system.config);
    });
    afterAll(async () => {
      await second.close();
    });

    it('refuses a revoked key on every gateway, though both had it cached', async () => {
      const customer = await fundedCustomer(system, '10');
      expect((await chat(customer.key)).status).toBe(200);
      expect((await chat(customer.key, {}, second.url)).status).toBe(200);
      await system.prisma.apiKey.update({
        where: { id: customer.keyId },
        data: { revokedAt: new Date() },
      });
      await system.gateway.app
        .get(CacheInvalidationService)
        .publish({ kind: 'key', id: customer.keyId });
      await waitFor(
        'the invalidation to reach the second gateway',
        async () => ((await chat(customer.key, {}, second.url)).status === 401 ? true : undefined),
        1000,
      );
      expect((await chat(customer.key)).status).toBe(401);
    });

    it('refuses a model retired through one gateway on the other, which had it cached', async () => {
      const customer = await fundedCustomer(system, '10');
      const codestral = { model: 'codestral-latest' };
      expect((await chat(customer.key, codestral, second.url)).status).toBe(200);
      const retired = await fetch(`${system.gateway.url}/admin/models/codestral-latest`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${system.config.admin.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ status: 'retired' }),
      });
      expect(retired.status).toBe(200);
      await waitFor(
        'the retirement to reach the second gateway',
        async () =>
          (await chat(customer.key, codestral, second.url)).status === 404 ? true : undefined,
        1000,
      );
    });
  });
});
