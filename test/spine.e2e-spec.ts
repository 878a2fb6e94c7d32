import OpenAI from 'openai';
import { waitFor } from '@app/testing';
import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

/**
 * The spine, end to end: an operator creates and funds an account, a customer calls a
 * model with the official OpenAI SDK, the worker prices the usage event, and the balance
 * drops by exactly the cost.
 */
describe('a metered, billed request end to end', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system.stop();
  });

  it('charges exactly 0.0045 for 1,000 prompt and 500 completion tokens on Magistral Medium', async () => {
    const admin = adminClient(system.gateway.url);
    const account = await admin.createAccount('Ada');
    const credit = await admin.credit(account.id, '10.00', 'top-up-1');
    expect(credit.status).toBe(201);
    expect(credit.body.balance_after).toBe('10');
    const { key } = await admin.createKey(account.id);

    system.upstream.setDefault({
      kind: 'reply',
      text: 'Bonjour!',
      usage: { promptTokens: 1000, completionTokens: 500 },
    });
    const client = new OpenAI({ apiKey: key, baseURL: `${system.gateway.url}/v1`, maxRetries: 0 });
    const { data: completion, response } = await client.chat.completions
      .create({ model: 'magistral-medium-latest', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();

    expect(completion.choices[0].message.content).toBe('Bonjour!');
    expect(completion.usage).toMatchObject({ prompt_tokens: 1000, completion_tokens: 500 });
    expect(completion.id).toMatch(/^gen_/);
    expect(response.headers.get('x-request-id')).toBe(completion.id);

    // The upstream got the provider's key, never the customer's, and the upstream model id.
    const forwarded = system.upstream.requests.at(-1)!;
    expect(forwarded.headers.authorization).toBe(
      `Bearer ${system.config.upstreams.mistral.apiKey}`,
    );
    expect(JSON.stringify(forwarded)).not.toContain(key);
    expect((forwarded.body as { model: string }).model).toBe('magistral-medium-latest');

    const generation = await waitFor('the usage event to be priced', async () => {
      const answer = await fetch(`${system.gateway.url}/v1/generations/${completion.id}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      return answer.status === 200 ? ((await answer.json()) as any) : undefined;
    });
    expect(generation).toMatchObject({
      id: completion.id,
      model: 'magistral-medium-latest',
      input_tokens: 1000,
      output_tokens: 500,
      cost: '0.0045',
      estimated: false,
      price: {
        input_per_million: '2',
        output_per_million: '5',
        effective_from: '2026-07-05T00:00:00.000Z',
      },
    });

    const accountView = await fetch(`${system.gateway.url}/v1/account`, {
      headers: { 'x-api-key': key },
    }).then((r) => r.json() as Promise<any>);
    expect(accountView).toMatchObject({
      id: account.id,
      balance: '9.9955',
      spent_total: '0.0045',
      currency: 'usd',
    });

    const ledger = await system.prisma.ledgerEntry.findMany({
      where: { accountId: account.id },
      orderBy: { id: 'asc' },
    });
    expect(ledger.map((e) => [e.kind, e.amount.toString(), e.balanceAfter.toString()])).toEqual([
      ['credit', '10', '10'],
      ['usage', '-0.0045', '9.9955'],
    ]);
  });
});
