import { TEST_UPSTREAM_KEY } from '@app/testing';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const hello = {
  model: 'magistral-medium-latest',
  messages: [{ role: 'user' as const, content: 'Hello' }],
};

/** Each upstream failure: what the client sees, and the exact charge (usually none). */
describe('upstream failures', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({ env: { UPSTREAM_FIRST_BYTE_TIMEOUT_MS: '400' } });
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  async function expectNoChargeAndNoHold(customer: Awaited<ReturnType<typeof fundedCustomer>>) {
    const account = await customer.get('/v1/account');
    expect(account).toMatchObject({ balance: '10', available: '10', spent_total: '0' });
    expect(
      await system.prisma.usageRecord.count({ where: { accountId: customer.accountId } }),
    ).toBe(0);
  }

  it('answers an upstream 500 with 502 and charges nothing', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'error', status: 500 });
    await expect(customer.openai.chat.completions.create(hello)).rejects.toMatchObject({
      status: 502,
      code: 'upstream_error',
    });
    await expectNoChargeAndNoHold(customer);
  });

  it('answers an upstream 500 on a stream with 502 before any byte, and charges nothing', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'error', status: 500 });
    await expect(
      customer.openai.chat.completions.create({ ...hello, stream: true }),
    ).rejects.toMatchObject({ status: 502 });
    await expectNoChargeAndNoHold(customer);
  });

  it('answers an overloaded upstream (503) with 503 and retry-after, and charges nothing', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'error', status: 503 });
    const response = await fetch(`${system.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(hello),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.headers.get('request-id')).toBe(response.headers.get('x-request-id'));
    await expectNoChargeAndNoHold(customer);
  });

  it('passes an upstream 4xx through with its status and message', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({
      kind: 'error',
      status: 422,
      body: {
        error: { message: 'temperature must be at most 1.5', type: 'invalid_request_error' },
      },
    });
    await expect(customer.openai.chat.completions.create(hello)).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('temperature must be at most 1.5'),
    });
    await expectNoChargeAndNoHold(customer);
  });

  it('never echoes an upstream error body that could hold a secret', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({
      kind: 'error',
      status: 400,
      body: {
        error: {
          message: `bad key ${TEST_UPSTREAM_KEY} for project`,
          type: 'invalid_request_error',
        },
      },
    });
    const response = await fetch(`${system.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(hello),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(TEST_UPSTREAM_KEY);
  });

  it("answers the upstream's refusal of our credentials with 502, not the upstream's 401", async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'error', status: 401 });
    await expect(customer.openai.chat.completions.create(hello)).rejects.toMatchObject({
      status: 502,
    });
    await expectNoChargeAndNoHold(customer);
  });

  it('answers an upstream that never answers with 504 after the first-byte timeout', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({ kind: 'hang' });
    await expect(customer.openai.chat.completions.create(hello)).rejects.toMatchObject({
      status: 504,
      code: 'upstream_timeout',
    });
    await expectNoChargeAndNoHold(customer);
  });

  it('bills what an upstream error reports when it failed after producing tokens', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.setDefault({
      kind: 'error',
      status: 500,
      body: {
        error: { message: 'generation interrupted' },
        usage: { prompt_tokens: 1000, completion_tokens: 500 },
      },
    });
    await expect(customer.openai.chat.completions.create(hello)).rejects.toMatchObject({
      status: 502,
    });
    const [record] = await customer.priced(1);
    expect(record.cost.toString()).toBe('0.0045');
    expect(await customer.balance()).toBe('9.9955');
  });
});

describe('an upstream that refuses connections', () => {
  let system: TestSystem;
  beforeAll(async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    system = await startSystem({ env: { MISTRAL_BASE_URL: 'http://127.0.0.1:1/v1' } });
  });
  afterAll(async () => {
    await system.stop();
  });

  it('answers 502 and charges nothing', async () => {
    const customer = await fundedCustomer(system);
    await expect(customer.openai.chat.completions.create(hello)).rejects.toMatchObject({
      status: 502,
      code: 'upstream_error',
    });
    await expect(
      customer.openai.chat.completions.create({ ...hello, stream: true }),
    ).rejects.toMatchObject({ status: 502 });
    const account = await customer.get('/v1/account');
    expect(account).toMatchObject({ balance: '10', available: '10' });
  });
});
