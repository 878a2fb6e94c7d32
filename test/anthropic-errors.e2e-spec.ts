import Anthropic from '@anthropic-ai/sdk';
import { insertAccountWithKey, TEST_UPSTREAM_KEY, type TestAccount } from '@app/testing';
import { startSystem, type TestSystem } from './support/system';

const model = 'magistral-medium-latest';
const hello = {
  model,
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};

/**
 * Errors on /v1/messages come in Anthropic's shape, `{"type":"error","error":{"type",
 * "message"}}`, with Anthropic's status codes; none of them reaches the upstream's bill.
 */
describe('errors on /v1/messages', () => {
  let system: TestSystem;
  let funded: TestAccount;

  const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': funded.key }) =>
    fetch(`${system.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
        ...headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  async function expectAnthropicError(response: Response, status: number, type: string) {
    expect(response.status).toBe(status);
    expect(response.headers.get('x-request-id')).toMatch(/^gen_/);
    const body = (await response.json()) as any;
    expect(body).toEqual({ type: 'error', error: { type, message: expect.any(String) } });
    expect(body.error.message.length).toBeGreaterThan(5);
    return body.error.message as string;
  }

  /** Nothing went upstream, nothing was recorded, charged or held. */
  async function expectNothingChanged() {
    expect(system.upstream.requests).toHaveLength(0);
    expect(await system.prisma.usageRecord.count()).toBe(0);
    const account = await system.prisma.account.findUniqueOrThrow({
      where: { id: funded.accountId },
    });
    expect(account.balance.toString()).toBe('10');
    const info = (await (
      await fetch(`${system.gateway.url}/v1/account`, {
        headers: { authorization: `Bearer ${funded.key}` },
      })
    ).json()) as any;
    expect(info).toMatchObject({ balance: '10', available: '10', spent_total: '0' });
  }

  beforeAll(async () => {
    system = await startSystem();
    funded = await insertAccountWithKey(system.prisma, { balance: '10' });
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  describe('bad input: 400 invalid_request_error, no upstream call, no charge', () => {
    afterEach(expectNothingChanged);

    it.each([
      ['no max_tokens', { model, messages: hello.messages }, 'max_tokens'],
      ['max_tokens not a positive integer', { ...hello, max_tokens: 0 }, 'max_tokens'],
      ['max_tokens as a string', { ...hello, max_tokens: '1024' }, 'max_tokens'],
      ['empty messages', { ...hello, messages: [] }, 'messages'],
      ['messages not an array', { ...hello, messages: 'Hello' }, 'messages'],
      ['no model', { max_tokens: 1024, messages: hello.messages }, 'model'],
      ['a model that is a number', { ...hello, model: 42 }, 'model'],
      [
        'a tool_result without its tool_use',
        {
          ...hello,
          messages: [
            { role: 'user', content: 'Weather?' },
            { role: 'assistant', content: 'Let me check.' },
            {
              role: 'user',
              content: [{ type: 'tool_result', tool_use_id: 'toolu_missing', content: '21' }],
            },
          ],
        },
        'tool_use_id',
      ],
      ['a role that does not exist', { ...hello, messages: [{ role: 'tool', content: 'x' }] }, ''],
      ['content of the wrong type', { ...hello, messages: [{ role: 'user', content: 7 }] }, ''],
      [
        'an unknown block type',
        {
          ...hello,
          messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }],
        },
        '',
      ],
      ['temperature out of range', { ...hello, temperature: 1.5 }, 'temperature'],
      ['stream not a boolean', { ...hello, stream: 'yes' }, 'stream'],
      ['tools not an array', { ...hello, tools: { name: 'x' } }, 'tools'],
      ['a tool without input_schema', { ...hello, tools: [{ name: 'x' }] }, 'input_schema'],
      ['a system prompt of the wrong type', { ...hello, system: 42 }, 'system'],
      ['a body that is not an object', [hello], ''],
    ])('refuses %s', async (_case, body, mentioned) => {
      const message = await expectAnthropicError(await post(body), 400, 'invalid_request_error');
      expect(message).toContain(mentioned);
    });

    it('refuses malformed JSON', async () => {
      await expectAnthropicError(
        await post('{"model": "x", "messages": ['),
        400,
        'invalid_request_error',
      );
    });

    it('refuses a body nested deeper than any request needs', async () => {
      // Deep enough to overflow the stack of a recursive JSON.stringify.
      const deep = '['.repeat(200_000) + ']'.repeat(200_000);
      const body = `{"model":"${model}","max_tokens":10,"messages":[{"role":"user","content":"x"}],"tools":[{"name":"t","input_schema":{"a":${deep}}}]}`;
      const message = await expectAnthropicError(await post(body), 400, 'invalid_request_error');
      expect(message).toContain('nested');
    });

    it('gives the SDK a typed BadRequestError', async () => {
      const anthropic = new Anthropic({
        apiKey: funded.key,
        baseURL: system.gateway.url,
        maxRetries: 0,
      });
      const error = await anthropic.messages
        .create({ model, max_tokens: 1024, messages: [] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Anthropic.BadRequestError);
      expect(error).toMatchObject({ status: 400, type: 'invalid_request_error' });
    });

    it('refuses bad input to count_tokens the same way', async () => {
      const response = await fetch(`${system.gateway.url}/v1/messages/count_tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': funded.key },
        body: JSON.stringify({ model, messages: [] }),
      });
      await expectAnthropicError(response, 400, 'invalid_request_error');
    });
  });

  describe('keys and models', () => {
    afterEach(expectNothingChanged);

    it('refuses a request without a key (401 authentication_error)', async () => {
      await expectAnthropicError(await post(hello, {}), 401, 'authentication_error');
    });

    it('refuses an unknown key (401), for the SDK too', async () => {
      await expectAnthropicError(
        await post(hello, { 'x-api-key': `kr-${'a'.repeat(48)}` }),
        401,
        'authentication_error',
      );
      const anthropic = new Anthropic({
        apiKey: `kr-${'b'.repeat(48)}`,
        baseURL: system.gateway.url,
        maxRetries: 0,
      });
      await expect(anthropic.messages.create(hello)).rejects.toBeInstanceOf(
        Anthropic.AuthenticationError,
      );
    });

    it('refuses a management key, which may not call models (403 permission_error)', async () => {
      const manager = await insertAccountWithKey(system.prisma, {
        balance: '10',
        scope: 'management',
      });
      await expectAnthropicError(
        await post(hello, { 'x-api-key': manager.key }),
        403,
        'permission_error',
      );
    });

    it('refuses an unknown model (404 not_found_error)', async () => {
      const message = await expectAnthropicError(
        await post({ ...hello, model: 'no-such-model' }),
        404,
        'not_found_error',
      );
      expect(message).toContain('no-such-model');
    });

    it('refuses an account that cannot cover the request (402 billing_error)', async () => {
      const broke = await insertAccountWithKey(system.prisma, { balance: '0' });
      await expectAnthropicError(
        await post(hello, { 'x-api-key': broke.key }),
        402,
        'billing_error',
      );
    });
  });

  describe('upstream failures', () => {
    it('answers an upstream 500 with 502 api_error and charges nothing', async () => {
      system.upstream.setDefault({ kind: 'error', status: 500 });
      await expectAnthropicError(await post(hello), 502, 'api_error');
      const anthropic = new Anthropic({
        apiKey: funded.key,
        baseURL: system.gateway.url,
        maxRetries: 0,
      });
      await expect(anthropic.messages.create(hello)).rejects.toMatchObject({
        status: 502,
        type: 'api_error',
      });
      expect(system.upstream.requests).toHaveLength(2);
      expect(await system.prisma.usageRecord.count()).toBe(0);
      const account = await system.prisma.account.findUniqueOrThrow({
        where: { id: funded.accountId },
      });
      expect(account.balance.toString()).toBe('10');
    });

    it('answers an upstream 429 with 429 rate_limit_error and a retry-after', async () => {
      system.upstream.setDefault({ kind: 'error', status: 429 });
      const response = await post(hello);
      expect(response.headers.get('retry-after')).toBeTruthy();
      await expectAnthropicError(response, 429, 'rate_limit_error');
      expect(await system.prisma.usageRecord.count()).toBe(0);
    });

    it("passes an upstream 4xx on with its status, never echoing the upstream's secrets", async () => {
      system.upstream.setDefault({
        kind: 'error',
        status: 400,
        body: { error: { message: `bad key ${TEST_UPSTREAM_KEY}`, type: 'invalid_request_error' } },
      });
      const response = await post(hello);
      const text = await response.clone().text();
      expect(text).not.toContain(TEST_UPSTREAM_KEY);
      await expectAnthropicError(response, 400, 'invalid_request_error');
      expect(await system.prisma.usageRecord.count()).toBe(0);
    });
  });

  describe('on /v1/models, as Claude Code lists and checks models', () => {
    const models = (path: string, headers: Record<string, string>) =>
      fetch(`${system.gateway.url}/v1/models${path}`, { headers });
    const claudeCode = () => ({ 'anthropic-version': '2023-06-01', 'x-api-key': funded.key });

    it("answers an unknown model in Anthropic's shape (404 not_found_error), for the SDK too", async () => {
      await expectAnthropicError(
        await models('/no-such-model', claudeCode()),
        404,
        'not_found_error',
      );
      const client = new Anthropic({
        apiKey: funded.key,
        baseURL: system.gateway.url,
        maxRetries: 0,
      });
      const failure = await client.models
        .retrieve('no-such-model')
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Anthropic.NotFoundError);
      expect((failure as InstanceType<typeof Anthropic.NotFoundError>).error).toEqual({
        type: 'error',
        error: { type: 'not_found_error', message: expect.any(String) },
      });
    });

    it("answers a bad page size in Anthropic's shape (400 invalid_request_error)", async () => {
      const message = await expectAnthropicError(
        await models('?limit=0', claudeCode()),
        400,
        'invalid_request_error',
      );
      expect(message).toContain('limit');
    });

    it("keeps OpenAI's shape for OpenAI clients", async () => {
      const response = await models('/no-such-model', { authorization: `Bearer ${funded.key}` });
      expect(response.status).toBe(404);
      expect(((await response.json()) as any).error).toMatchObject({ code: 'model_not_found' });
    });
  });
});
