import { agentModule } from './support/agent-packages';
import {
  AGENT_MODEL,
  expectChargedPerUpstreamCall,
  freshCustomer,
  startAgentSystem,
} from './support/agent-system';
import { itNeedsResponsesApi } from './support/pending';
import type { TestSystem } from '../support/system';

const { generateText, streamText, tool, stepCountIs } = agentModule('ai');
const { createOpenAI } = agentModule('@ai-sdk/openai');
const { createAnthropic } = agentModule('@ai-sdk/anthropic');
const { createOpenAICompatible } = agentModule('@ai-sdk/openai-compatible');
const { z } = agentModule('zod');

// Booting the whole system on a busy 2-core machine can take longer than Jest's default.
jest.setTimeout(90_000);

/** The Vercel AI SDK's providers against the gateway, each answer and each charge checked. */
describe('agents: Vercel AI SDK', () => {
  let system: TestSystem;

  beforeAll(async () => {
    ({ system } = await startAgentSystem());
  });
  afterAll(() => system.stop());

  const providers = (key: string) => {
    const v1 = `${system.gateway.url}/v1`;
    return {
      openai: createOpenAI({ baseURL: v1, apiKey: key }),
      anthropic: createAnthropic({ baseURL: v1, apiKey: key }),
      compatible: createOpenAICompatible({
        name: 'keeprouter',
        baseURL: v1,
        apiKey: key,
        includeUsage: true,
      }),
    };
  };

  type ModelOf = (p: ReturnType<typeof providers>) => unknown;
  const surfaces: Array<[string, ModelOf, typeof it]> = [
    ['openai(model): the Responses API', (p) => p.openai(AGENT_MODEL), itNeedsResponsesApi],
    ['openai.chat(model)', (p) => p.openai.chat(AGENT_MODEL), it],
    ['@ai-sdk/anthropic', (p) => p.anthropic(AGENT_MODEL), it],
    ['@ai-sdk/openai-compatible', (p) => p.compatible(AGENT_MODEL), it],
  ];

  describe.each(surfaces)('%s', (_name, modelOf, test) => {
    test('generateText answers, charged once at the upstream token counts', async () => {
      const { customer, script } = await freshCustomer(system, 'unused');
      script.reply('Paris is the capital of France.');
      const result = await generateText({
        model: modelOf(providers(customer.key)),
        prompt: 'What is the capital of France?',
        maxRetries: 0,
        maxOutputTokens: 256,
      });
      expect(result.text).toBe('Paris is the capital of France.');
      const [reported] = script.reportedUsage();
      expect(result.usage.inputTokens).toBe(reported.promptTokens);
      expect(result.usage.outputTokens).toBe(reported.completionTokens);
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBe(1);
    });

    test('streamText streams the answer, charged once', async () => {
      const { customer, script } = await freshCustomer(system, 'unused');
      script.reply('One two three four five six seven.');
      const result = streamText({
        model: modelOf(providers(customer.key)),
        prompt: 'Count to seven.',
        maxRetries: 0,
        maxOutputTokens: 256,
      });
      const parts: string[] = [];
      for await (const delta of result.textStream) parts.push(delta);
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.join('')).toBe('One two three four five six seven.');
      const usage = await result.usage;
      expect(usage.outputTokens).toBe(script.reportedUsage()[0].completionTokens);
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBe(1);
    });

    test('generateText runs a tool round trip, each step charged once', async () => {
      const { customer, script } = await freshCustomer(system, 'unused');
      script.toolCall('get_weather', { city: 'Paris' }).reply('It is sunny in Paris.');
      const calls: unknown[] = [];
      const result = await generateText({
        model: modelOf(providers(customer.key)),
        prompt: 'What is the weather in Paris?',
        tools: {
          get_weather: tool({
            description: 'The current weather in a city',
            inputSchema: z.object({ city: z.string() }),
            execute: async (input: unknown) => {
              calls.push(input);
              return { city: 'Paris', sky: 'sunny' };
            },
          }),
        },
        stopWhen: stepCountIs(4),
        maxRetries: 0,
        maxOutputTokens: 256,
      });
      expect(calls).toEqual([{ city: 'Paris' }]);
      expect(result.steps).toHaveLength(2);
      expect(result.text).toBe('It is sunny in Paris.');
      // The second upstream call carried the tool's result back to the model.
      expect(JSON.stringify(script.upstreamCalls()[1].messages)).toContain('sunny');
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBe(2);
    });
  });
});
