import Redis from 'ioredis';
import { type FakeUpstream, startFakeUpstream } from '@app/fake-upstream';
import { waitFor } from '@app/testing';
import { adminClient } from './support/admin-client';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const MODEL = 'codestral-latest';
const MESSAGES = [{ role: 'user' as const, content: 'Hello' }];
// Mistral's seed price of codestral: 0.3 in / 0.9 out; the backup's: 1 in / 2 out.
const BACKUP = { input: '1', output: '2' };

/**
 * Several endpoints per model: the preferred one serves; a failure before the first byte
 * (killed, 503, 429, stalled) sends the request on to the next, billed at ITS price, once;
 * both down → 5xx and no charge; a stream cut midway is billed and never re-sent; the
 * breaker skips a dead endpoint and lets it back in once it recovers.
 */
describe('routing and fallback across providers', () => {
  let system: TestSystem;
  let backup: FakeUpstream;
  let admin: ReturnType<typeof adminClient>;

  const mistral = () => system.upstream;
  const reset = async () => {
    mistral().reset();
    backup.reset();
    // Each test starts with every breaker closed.
    const redis = new Redis(system.config.redis.url);
    const keys = await redis.keys(`${system.config.redis.prefix}:breaker:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  };
  const recordsOf = (accountId: string) =>
    system.prisma.usageRecord.findMany({ where: { accountId } });

  beforeAll(async () => {
    backup = await startFakeUpstream();
    system = await startSystem({
      env: {
        BACKUP_API_KEY: 'backup-secret-key-0123456789',
        UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '1500',
        CIRCUIT_BREAKER_FAILURES: '3',
        CIRCUIT_BREAKER_COOLDOWN_MS: '1000',
      },
    });
    admin = adminClient(system.gateway.url);
    await admin.call('PUT', '/admin/providers/backup', {
      name: 'Backup Cloud',
      dialect: 'openai',
      base_url: backup.url,
      api_key_env: 'BACKUP_API_KEY',
    });
    // Nothing listens on port 9: connection refused, as for a killed provider.
    await admin.call('PUT', '/admin/providers/dead', {
      name: 'Dead Cloud',
      dialect: 'openai',
      base_url: 'http://127.0.0.1:9/v1',
      api_key_env: null,
    });
    for (const [model, endpoints] of [
      [MODEL, ['mistral', 'backup']],
      ['ministral-3b-latest', ['dead', 'backup']],
    ] as const) {
      const put = await admin.call('PUT', `/admin/models/${model}`, {
        endpoints: endpoints.map((provider) => ({
          provider,
          upstream_model: `${provider}/${model}`,
        })),
      });
      expect(put.status).toBe(200);
      for (const provider of endpoints.filter((p) => p !== 'mistral')) {
        const price = await admin.call('POST', `/admin/models/${model}/prices`, {
          provider,
          input_per_million: BACKUP.input,
          output_per_million: BACKUP.output,
        });
        expect(price.status).toBe(201);
      }
    }
  });
  afterEach(reset);
  afterAll(async () => {
    await system.stop();
    await backup.close();
  });

  it('the preferred endpoint serves, at its own price, under its own model id', async () => {
    const customer = await fundedCustomer(system);
    const answer = await customer.openai.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
    });
    expect(mistral().requests).toHaveLength(1);
    expect((mistral().requests[0].body as any).model).toBe(`mistral/${MODEL}`);
    expect(backup.requests).toHaveLength(0);
    const [record] = await customer.priced(1);
    expect(record.providerId).toBe('mistral');
    expect((answer.usage as any).cost).toBe(record.cost.toString());
    expect((await customer.get(`/v1/generations/${answer.id}`)).provider).toBe('mistral');
  });

  it.each([
    ['503', { kind: 'error' as const, status: 503 }],
    ['429', { kind: 'error' as const, status: 429 }],
    ['a stall past the first-byte timeout', { kind: 'hang' as const }],
  ])('on %s the second endpoint serves, at its price, exactly once', async (_label, failure) => {
    const customer = await fundedCustomer(system, '1');
    mistral().enqueue(failure);
    backup.enqueue({ kind: 'reply', usage: { promptTokens: 1000, completionTokens: 500 } });
    const answer = await customer.openai.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
    });
    expect(answer.choices[0].message.content).toBeTruthy();
    expect(mistral().requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(1);
    expect((backup.requests[0].body as any).model).toBe(`backup/${MODEL}`);
    expect(backup.requests[0].headers.authorization).toBe('Bearer backup-secret-key-0123456789');
    const records = await customer.priced(1);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      providerId: 'backup',
      inputTokens: 1000n,
      outputTokens: 500n,
    });
    expect(records[0].cost.toString()).toBe('0.002'); // 1000 × 1 + 500 × 2 per million
    expect((answer.usage as any).cost).toBe('0.002');
    expect(await customer.balance()).toBe('0.998');
  });

  it('a killed provider (connection refused) falls back, streaming too', async () => {
    const customer = await fundedCustomer(system, '1');
    const stream = await customer.openai.chat.completions.create({
      model: 'ministral-3b-latest',
      messages: MESSAGES,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from the fake upstream.');
    expect(backup.requests).toHaveLength(1);
    const [record] = await customer.priced(1);
    expect(record.providerId).toBe('backup');
  });

  it('both down: a 5xx, no charge, the hold given back', async () => {
    const customer = await fundedCustomer(system, '1');
    mistral().enqueue({ kind: 'error', status: 503 });
    backup.enqueue({ kind: 'error', status: 500 });
    const failed = await customer.openai.chat.completions
      .create({ model: MODEL, messages: MESSAGES })
      .catch((error: { status: number }) => error);
    expect([502, 503]).toContain((failed as { status: number }).status);
    expect(mistral().requests).toHaveLength(1);
    expect(backup.requests).toHaveLength(1);
    const account = await customer.get('/v1/account');
    expect(account).toMatchObject({ balance: '1', available: '1' });
    expect(await recordsOf(customer.accountId)).toHaveLength(0);
  });

  it('a stream cut midway is billed for what came back and not re-sent', async () => {
    const customer = await fundedCustomer(system, '1');
    mistral().enqueue({ kind: 'broken_stream', chunksBeforeBreak: 2 });
    const stream = await customer.openai.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      stream: true,
    });
    await (async () => {
      for await (const _chunk of stream) {
        // Read to the cut.
      }
    })().catch(() => undefined);
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ providerId: 'mistral', estimated: true });
    expect(backup.requests).toHaveLength(0);
    expect(await recordsOf(customer.accountId)).toHaveLength(1);
  });

  it('honours provider.order and allow_fallbacks, refuses an unknown provider', async () => {
    const customer = await fundedCustomer(system, '1');
    await customer.openai.chat.completions.create({
      model: MODEL,
      messages: MESSAGES,
      provider: { order: ['backup'] },
    } as any);
    expect(backup.requests).toHaveLength(1);
    expect(backup.requests[0].body).not.toHaveProperty('provider');
    expect(mistral().requests).toHaveLength(0);

    mistral().enqueue({ kind: 'error', status: 503 });
    const refused = await customer.openai.chat.completions
      .create({ model: MODEL, messages: MESSAGES, provider: { allow_fallbacks: false } } as any)
      .catch((error: { status: number }) => error);
    expect((refused as { status: number }).status).toBe(503);
    expect(backup.requests).toHaveLength(1);

    await reset();
    const unknown = await customer.openai.chat.completions
      .create({ model: MODEL, messages: MESSAGES, provider: { order: ['nobody'] } } as any)
      .catch((error: { status: number; message: string }) => error);
    expect((unknown as { status: number }).status).toBe(400);
    expect((unknown as { message: string }).message).toContain('nobody');
    expect(mistral().requests).toHaveLength(0);
    expect(backup.requests).toHaveLength(0);
  });

  it('honours provider.order on the Responses API too', async () => {
    const customer = await fundedCustomer(system, '1');
    await customer.openai.responses.create({
      model: MODEL,
      input: 'Hello',
      provider: { order: ['backup'] },
    } as any);
    expect(backup.requests).toHaveLength(1);
    expect(backup.requests[0].body).not.toHaveProperty('provider');
    expect(mistral().requests).toHaveLength(0);
    const [record] = await customer.priced(1);
    expect(record).toMatchObject({ providerId: 'backup' });
  });

  it('the breaker stops sending to a failing endpoint, and lets it back once it recovers', async () => {
    const customer = await fundedCustomer(system, '1');
    const ask = () => customer.openai.chat.completions.create({ model: MODEL, messages: MESSAGES });
    mistral().setDefault({ kind: 'error', status: 503 });
    for (let i = 0; i < 3; i += 1) await ask();
    expect(mistral().requests).toHaveLength(3);
    // Open: the next requests go straight to the backup.
    await ask();
    await ask();
    expect(mistral().requests).toHaveLength(3);
    expect(backup.requests).toHaveLength(5);

    mistral().setDefault({ kind: 'reply' });
    // After the cool-down one request tries it again; it answers, and the breaker closes.
    await waitFor('mistral to be tried again', async () => {
      await ask();
      return mistral().requests.length > 3 || undefined;
    });
    const before = backup.requests.length;
    await ask();
    expect(backup.requests).toHaveLength(before);
    const metrics = await (await fetch(`${system.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/keeprouter_provider_fallbacks_total\{provider="backup"\} \d+/);
    expect(metrics).toMatch(
      /keeprouter_provider_failures_total\{provider="mistral",kind="server_error"\} \d+/,
    );
    expect(metrics).toContain(
      'keeprouter_provider_breaker_state{provider="mistral",model="codestral-latest"} 0',
    );
  });
});
