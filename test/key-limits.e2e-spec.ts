import { estimateTokensOfJson } from '@app/llm-formats';
import { Money } from '@app/pricing';
import { insertAccountWithKey, waitFor } from '@app/testing';
import { type RunningGateway, startGateway } from './support/boot';
import { startSystem, type TestSystem } from './support/system';

const messages = [{ role: 'user' as const, content: 'Hello' }];

/**
 * Issue 10, hole 4: the limits a customer sets on a key through the accounts API
 * (spend limit with its UTC window, requests and tokens per minute) hold against
 * concurrent requests on every gateway.
 */
describe('key limits set through the accounts API', () => {
  let system: TestSystem;
  let second: RunningGateway;

  beforeAll(async () => {
    system = await startSystem();
    second = await startGateway(system.config);
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await second.close();
    await system.stop();
  });

  const call = async (key: string, method: string, path: string, body?: object) => {
    const response = await fetch(`${system.gateway.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const chat = (key: string, body: object = {}, gateway = system.gateway.url) =>
    fetch(`${gateway}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'magistral-medium-latest', messages, ...body }),
    });
  /** A funded account's management key, and a new inference key made through the API with `limits`. */
  const limitedKey = async (limits: object, balance = '10') => {
    const manager = await insertAccountWithKey(system.prisma, { balance, scope: 'management' });
    const created = await call(manager.key, 'POST', '/v1/keys', { name: 'limited', ...limits });
    expect(created.status).toBe(201);
    return { manager, key: created.body.key as string, id: created.body.id as string, created };
  };
  const freshMinute = () =>
    waitFor(
      'a fresh minute window',
      () => (new Date().getSeconds() < 45 ? true : undefined),
      20_000,
    );

  it('stores and shows spend_limit_period, requests_per_minute and tokens_per_minute; refuses bad values and changes nothing', async () => {
    const { manager, id, created } = await limitedKey({
      spend_limit: '1.5',
      spend_limit_period: 'week',
      requests_per_minute: 5,
      tokens_per_minute: 10_000,
    });
    expect(created.body).toMatchObject({
      spend_limit: '1.5',
      spend_limit_period: 'week',
      requests_per_minute: 5,
      tokens_per_minute: 10_000,
    });
    for (const bad of [
      { spend_limit_period: 'year' },
      { requests_per_minute: 0 },
      { requests_per_minute: 1.5 },
      { requests_per_minute: '5' },
      { tokens_per_minute: -1 },
    ]) {
      const refused = await call(manager.key, 'PATCH', `/v1/keys/${id}`, bad);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 400 });
      expect(refused.body.error.type).toBe('invalid_request_error');
    }
    const listed = await call(manager.key, 'GET', '/v1/keys');
    expect(listed.body.data.find((k: any) => k.id === id)).toMatchObject({
      spend_limit_period: 'week',
      requests_per_minute: 5,
      tokens_per_minute: 10_000,
    });
    const cleared = await call(manager.key, 'PATCH', `/v1/keys/${id}`, {
      spend_limit_period: 'day',
      requests_per_minute: null,
      tokens_per_minute: null,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      spend_limit_period: 'day',
      requests_per_minute: null,
      tokens_per_minute: null,
    });
  });

  it('lets no more of 30 concurrent requests through a $0.01 key than its limit covers, on two gateways', async () => {
    const { key, id } = await limitedKey({ spend_limit: '0.01' });
    system.upstream.setDefault({
      kind: 'reply',
      delayMs: 300,
      usage: { promptTokens: estimateTokensOfJson(messages), completionTokens: 1000 },
    });
    // Each holds its input bound plus 1,000 output tokens at $5/M: just over $0.005.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        chat(key, { max_tokens: 1000 }, i % 2 ? second.url : system.gateway.url),
      ),
    );
    const admitted = answers.filter((a) => a.status === 200).length;
    expect(admitted).toBe(1);
    expect(answers.filter((a) => a.status === 403)).toHaveLength(29);
    expect(system.upstream.requests).toHaveLength(1);
    await waitFor('the request to be priced', async () =>
      (await system.prisma.usageRecord.count({ where: { apiKeyId: id } })) === 1 ? true : undefined,
    );
    const stored = await system.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(new Money(stored.spentTotal.toString()).lte('0.01')).toBe(true);
  });

  it('answers 429 with retry-after past requests_per_minute, counted across gateways', async () => {
    const { key } = await limitedKey({ requests_per_minute: 3 });
    await freshMinute();
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const answer = await chat(key, {}, i % 2 ? second.url : system.gateway.url);
      statuses.push(answer.status);
      if (answer.status === 429) limited = answer;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(((await limited!.json()) as any).error.code).toBe('rate_limited');
    expect(system.upstream.requests).toHaveLength(3);
  });

  it('answers 429 past tokens_per_minute, counting each request input bound and output cap', async () => {
    // Each request may use its (small) input plus 1,000 output tokens: two fit in 2,500.
    const { key } = await limitedKey({ tokens_per_minute: 2_500 });
    await freshMinute();
    expect((await chat(key, { max_tokens: 1000 })).status).toBe(200);
    expect((await chat(key, { max_tokens: 1000 }, second.url)).status).toBe(200);
    const limited = await chat(key, { max_tokens: 1000 });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(system.upstream.requests).toHaveLength(2);
  });

  it('counts only the current UTC day against a day limit', async () => {
    const { manager, key, id } = await limitedKey({ spend_limit: '0.005' });
    system.upstream.setDefault({
      kind: 'reply',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const priced = (count: number) =>
      waitFor(`${count} priced requests`, async () =>
        (await system.prisma.usageRecord.count({ where: { apiKeyId: id } })) >= count
          ? true
          : undefined,
      );
    expect((await chat(key, { max_tokens: 500 })).status).toBe(200);
    await priced(1);
    // $0.0045 spent for ever: the $0.005 limit cannot cover another $0.0025 hold.
    expect((await chat(key, { max_tokens: 500 })).status).toBe(403);
    // That spend was made two days ago: a day window no longer counts it.
    await system.prisma.usageRecord.updateMany({
      where: { apiKeyId: id },
      data: { occurredAt: new Date(Date.now() - 2 * 86_400_000) },
    });
    const patched = await call(manager.key, 'PATCH', `/v1/keys/${id}`, {
      spend_limit_period: 'day',
    });
    expect(patched.status).toBe(200);
    await waitFor('the day window to apply', async () =>
      (await chat(key, { max_tokens: 500 })).status === 200 ? true : undefined,
    );
    await priced(2);
    // Today's $0.0045 counts against today's $0.005.
    expect((await chat(key, { max_tokens: 500 })).status).toBe(403);
  });
});
