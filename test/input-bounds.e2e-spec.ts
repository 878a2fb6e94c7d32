import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const model = 'magistral-medium-latest';

/**
 * Bodies whose input a provider bills far above the old estimate. On $0.05 ($2/M input,
 * $5/M output, max_tokens 100 = $0.0005) each must be refused before it goes upstream: a
 * hold at least what the provider would bill does not fit.
 */
const cases: Array<[string, string, object]> = [
  [
    'an Anthropic tool input full of "type":"image" objects (~135k tokens billed)',
    '/v1/messages',
    {
      model,
      max_tokens: 100,
      messages: [
        { role: 'user', content: 'Save it.' },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool_use',
              id: 'toolu_1',
              name: 'save',
              // Held as one 1,600-token image before; 500 KB of text to the provider.
              input: { type: 'image', data: 'aGVsbG8gd29ybGQh'.repeat(31_250) },
            },
          ],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'ok' }] },
      ],
    },
  ],
  [
    'a 100 KB response_format schema',
    '/v1/chat/completions',
    {
      model,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Fill it.' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'big',
          schema: { type: 'object', description: 'field '.repeat(17_000) },
        },
      },
    },
  ],
  [
    'CJK text (30k characters, about as many tokens billed)',
    '/v1/chat/completions',
    {
      model,
      max_tokens: 100,
      messages: [{ role: 'user', content: '東京の天気は晴れです。'.repeat(2_800) }],
    },
  ],
  [
    'ten image URLs',
    '/v1/chat/completions',
    {
      model,
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: Array.from({ length: 10 }, (_, i) => ({
            type: 'image_url',
            image_url: { url: `https://example.com/${i}.png` },
          })),
        },
      ],
    },
  ],
];

describe('inputs the estimate undercounts are held at what the provider bills', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  it.each(cases)('refuses on $0.05 %s, before any upstream call', async (_name, path, body) => {
    const customer = await fundedCustomer(system, '0.05');
    const response = await fetch(`${system.gateway.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${customer.key}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(402);
    expect(system.upstream.requests).toHaveLength(0);
    expect(await customer.balance()).toBe('0.05');
  });

  it('still serves the same small request on the same balance', async () => {
    const customer = await fundedCustomer(system, '0.05');
    const answer = await customer.openai.chat.completions.create({
      model,
      max_tokens: 100,
      messages: [{ role: 'user', content: '東京の天気は晴れです。' }],
    });
    expect(answer.choices[0].message.content).toBe('Hello from the fake upstream.');
  });
});
