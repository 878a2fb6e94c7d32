import Anthropic from '@anthropic-ai/sdk';
import { fundedCustomer } from './support/customer';
import { startSystem, type TestSystem } from './support/system';

const model = 'magistral-medium-latest';
// Magistral Medium, $2/M in, $5/M out: 1,000 in + 500 out = 0.0045.
const usage = { promptTokens: 1000, completionTokens: 500 };

/** What current Claude Code sends, through the Anthropic SDK's beta client (?beta=true). */
describe('Claude Code requests on /v1/messages and /v1/models', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem();
  });
  beforeEach(() => system.upstream.reset());
  afterAll(async () => {
    await system.stop();
  });

  it('accepts a system message inside messages and the Claude Code fields, billed exactly', async () => {
    const customer = await fundedCustomer(system);
    const anthropic = new Anthropic({
      apiKey: customer.key,
      baseURL: system.gateway.url,
      maxRetries: 0,
    });
    system.upstream.setDefault({ kind: 'reply', text: 'Done.', usage });
    const body = {
      model,
      max_tokens: 32000,
      system: [
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        { role: 'system', content: 'Available agents: Explore.' },
        {
          role: 'user',
          content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }],
        },
      ],
      tools: [
        { name: 'Bash', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
        { type: 'web_search_20250305', name: 'web_search', max_uses: 5 },
      ],
      thinking: { type: 'enabled', budget_tokens: 4000 },
      context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
      output_config: { effort: 'medium' },
      metadata: { user_id: 'session_1' },
      stream: true,
    };
    const stream = anthropic.beta.messages.stream(
      body as unknown as Anthropic.Beta.Messages.MessageCreateParamsStreaming,
      { headers: { 'anthropic-beta': 'claude-code-20250219,context-management-2025-06-27' } },
    );
    const message = await stream.finalMessage();

    expect(message.content).toEqual([expect.objectContaining({ type: 'text', text: 'Done.' })]);
    expect(message.usage).toMatchObject({ input_tokens: 1000, output_tokens: 500 });
    const [request] = system.upstream.requests;
    expect(request.body).toMatchObject({
      messages: [
        { role: 'system', content: 'You are Claude Code.' },
        { role: 'system', content: 'Available agents: Explore.' },
        { role: 'user', content: 'Hi' },
      ],
      tools: [{ type: 'function', function: { name: 'Bash' } }],
      user: 'session_1',
    });
    expect((request.body as { tools: unknown[] }).tools).toHaveLength(1);
    expect(JSON.stringify(request.body)).not.toMatch(/cache_control|context_management|web_search/);

    const [record] = await customer.priced(1);
    expect(record).toMatchObject({
      surface: 'anthropic',
      streamed: true,
      inputTokens: 1000n,
      outputTokens: 500n,
    });
    expect(record.cost.toString()).toBe('0.0045');
    const entry = await system.prisma.ledgerEntry.findUniqueOrThrow({
      where: { usageRecordId: record.id },
    });
    expect(entry.amount.toString()).toBe('-0.0045');
    expect(await customer.balance()).toBe('9.9955');
  });

  it('lists models in Anthropic shape for Anthropic clients, OpenAI shape otherwise', async () => {
    const customer = await fundedCustomer(system);
    const anthropic = new Anthropic({
      apiKey: customer.key,
      baseURL: system.gateway.url,
      maxRetries: 0,
    });
    const page = await anthropic.models.list({ limit: 2 });
    expect(page.data).toHaveLength(2);
    expect(page.data[0]).toEqual({
      type: 'model',
      id: expect.any(String),
      display_name: expect.any(String),
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const all: string[] = [];
    for await (const info of anthropic.models.list({ limit: 3 })) all.push(info.id);
    const openAi = await customer.openai.models.list();
    expect(all).toEqual(openAi.data.map((entry) => entry.id));
    const one = await anthropic.models.retrieve(model);
    expect(one).toMatchObject({ type: 'model', id: model, display_name: 'Magistral Medium' });
  });
});
