import OpenAI from 'openai';
import { insertAccountWithKey, TEST_ADMIN_TOKEN, type TestAccount } from '@app/testing';
import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

/**
 * Bad input gets a clear error in the API's own shape and changes nothing: no upstream
 * call, no usage record, no ledger entry, no balance change.
 */
describe('bad input changes nothing', () => {
  let system: TestSystem;
  let funded: TestAccount;
  let url: string;

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const chat = (body: unknown, key: string | null = funded.key) =>
    post(
      '/v1/chat/completions',
      typeof body === 'string' ? body : JSON.stringify(body),
      key ? { authorization: `Bearer ${key}` } : {},
    );
  const hello = {
    model: 'magistral-medium-latest',
    messages: [{ role: 'user', content: 'Hello' }],
  };

  async function expectOpenAiError(
    response: Response,
    status: number,
    code: string,
    param?: string,
  ) {
    expect(response.status).toBe(status);
    expect(response.headers.get('x-request-id')).toMatch(/^gen_/);
    const body = (await response.json()) as any;
    expect(body).toEqual({
      error: { message: expect.any(String), type: expect.any(String), param: param ?? null, code },
    });
    expect(body.error.message.length).toBeGreaterThan(5);
    return body;
  }

  beforeAll(async () => {
    system = await startSystem();
    url = system.gateway.url;
    funded = await insertAccountWithKey(system.prisma, { balance: '10' });
  });

  afterEach(async () => {
    expect(system.upstream.requests).toHaveLength(0);
    expect(await system.prisma.usageRecord.count()).toBe(0);
    const account = await system.prisma.account.findUniqueOrThrow({
      where: { id: funded.accountId },
    });
    expect(account.balance.toString()).toBe('10');
    expect(await system.prisma.ledgerEntry.count({ where: { accountId: funded.accountId } })).toBe(
      1,
    );
  });

  afterAll(async () => {
    await system.stop();
  });

  describe('on /v1/chat/completions', () => {
    it('refuses a request without a key (401)', async () => {
      await expectOpenAiError(await chat(hello, null), 401, 'missing_api_key');
    });

    it('refuses an unknown key of the right form (401)', async () => {
      await expectOpenAiError(await chat(hello, `kr-${'a'.repeat(48)}`), 401, 'invalid_api_key');
    });

    it('refuses a malformed key without echoing it (401)', async () => {
      const body = await expectOpenAiError(
        await chat(hello, 'sk-not-ours-secret-value'),
        401,
        'invalid_api_key',
      );
      expect(JSON.stringify(body)).not.toContain('sk-not-ours-secret-value');
    });

    it('refuses malformed JSON (400)', async () => {
      await expectOpenAiError(
        await chat('{"model": "magistral-medium-latest", "messages": ['),
        400,
        'invalid_request',
      );
    });

    it('refuses a body without model (400 naming model)', async () => {
      await expectOpenAiError(
        await chat({ messages: hello.messages }),
        400,
        'invalid_request',
        'model',
      );
    });

    it('refuses messages that are not an array (400 naming messages)', async () => {
      await expectOpenAiError(
        await chat({ model: hello.model, messages: 'Hello' }),
        400,
        'invalid_request',
        'messages',
      );
    });

    it('refuses a wrong-typed message (400)', async () => {
      await expectOpenAiError(
        await chat({ model: hello.model, messages: [{ content: 'x' }] }),
        400,
        'invalid_request',
        'messages[0].role',
      );
    });

    it('refuses an unknown model (404)', async () => {
      await expectOpenAiError(
        await chat({ ...hello, model: 'gpt-17' }),
        404,
        'model_not_found',
        'model',
      );
    });

    it('answers the official SDK with a typed error', async () => {
      const client = new OpenAI({ apiKey: funded.key, baseURL: `${url}/v1`, maxRetries: 0 });
      await expect(
        client.chat.completions.create({ ...hello, model: 'nope' } as any),
      ).rejects.toMatchObject({
        status: 404,
        code: 'model_not_found',
      });
    });

    it('refuses an account whose balance is exhausted (402)', async () => {
      const broke = await insertAccountWithKey(system.prisma, { balance: '0' });
      await expectOpenAiError(await chat(hello, broke.key), 402, 'insufficient_balance');
    });

    it('refuses a revoked key (401) and a disabled key (403)', async () => {
      const revoked = await insertAccountWithKey(system.prisma, { balance: '5' });
      await system.prisma.apiKey.update({
        where: { id: revoked.keyId },
        data: { revokedAt: new Date() },
      });
      await expectOpenAiError(await chat(hello, revoked.key), 401, 'invalid_api_key');
      const disabled = await insertAccountWithKey(system.prisma, { balance: '5' });
      await system.prisma.apiKey.update({
        where: { id: disabled.keyId },
        data: { disabled: true },
      });
      await expectOpenAiError(await chat(hello, disabled.key), 403, 'key_disabled');
    });

    it('refuses a management key, which may not call models (403)', async () => {
      const management = await insertAccountWithKey(system.prisma, {
        balance: '5',
        scope: 'management',
      });
      await expectOpenAiError(await chat(hello, management.key), 403, 'permission_denied');
    });
  });

  describe('on the admin API', () => {
    const credit = (body: unknown, headers: Record<string, string> = { 'idempotency-key': 'k1' }) =>
      post(`/admin/accounts/${funded.accountId}/credits`, JSON.stringify(body), {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        ...headers,
      });

    it.each([
      ['a non-numeric amount', { amount: 'ten' }],
      ['a JSON number (money never travels as a float)', { amount: 10 }],
      ['a zero amount', { amount: '0' }],
      ['an amount with 19 decimals', { amount: '0.0000000000000000001' }],
      ['a missing amount', {}],
    ])('refuses %s (400 naming amount)', async (_label, body) => {
      await expectOpenAiError(await credit(body), 400, 'invalid_request', 'amount');
    });

    it('refuses a debit adjustment without a note (400 naming note)', async () => {
      await expectOpenAiError(await credit({ amount: '-5' }), 400, 'invalid_request', 'note');
    });

    it('refuses unknown fields (400 naming the field)', async () => {
      await expectOpenAiError(
        await credit({ amount: '5', currency: 'eur' }),
        400,
        'invalid_request',
        'currency',
      );
    });

    it('refuses a top-up without Idempotency-Key (400)', async () => {
      await expectOpenAiError(
        await credit({ amount: '5' }, {}),
        400,
        'invalid_request',
        'Idempotency-Key',
      );
    });

    it('answers 404 for an unknown account', async () => {
      const response = await post(
        '/admin/accounts/acct_doesnotexist/credits',
        JSON.stringify({ amount: '5' }),
        {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          'idempotency-key': 'k2',
        },
      );
      await expectOpenAiError(response, 404, 'not_found');
    });

    it('refuses a missing or wrong admin token (401), comparing without leaking it', async () => {
      const accountsBefore = await system.prisma.account.count();
      const admin = adminClient(url, 'wrong-token-wrong-token-wrong');
      const wrong = await admin.call('POST', '/admin/accounts', { name: 'x' });
      expect(wrong.status).toBe(401);
      expect(JSON.stringify(wrong.body)).not.toContain(TEST_ADMIN_TOKEN);
      const none = await post('/admin/accounts', JSON.stringify({ name: 'x' }));
      expect(none.status).toBe(401);
      expect(await system.prisma.account.count()).toBe(accountsBefore);
    });

    it('refuses an account without a name (400)', async () => {
      const admin = adminClient(url);
      const response = await admin.call('POST', '/admin/accounts', { name: 42 });
      expect(response.status).toBe(400);
      expect(response.body.error.param).toBe('name');
    });
  });
});
