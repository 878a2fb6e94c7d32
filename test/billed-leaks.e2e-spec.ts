import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

/** Issue 10, smaller leaks: answers the upstream served (and bills us for) are billed. */
describe('a 2xx answer whose body read fails is billed, not abandoned', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await system.stop();
  });

  it('bills an estimate, marked as such, when a whole answer is cut after its 200', async () => {
    const customer = await fundedCustomer(system);
    system.upstream.enqueue({ kind: 'broken_body' });
    const response = await fetch(`${system.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${customer.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'magistral-medium-latest',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hello' }],
      }),
    });
    expect(response.status).toBe(502);
    const [record] = await customer.priced(1);
    expect(record.estimated).toBe(true);
    expect(record.inputTokens).toBeGreaterThan(0n);
    expect(record.outputTokens).toBeGreaterThan(0n);
    await customer.settled();
  });
});
