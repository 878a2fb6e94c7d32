import { agentModule } from './support/agent-packages';
import {
  AGENT_MODEL,
  expectChargedPerUpstreamCall,
  freshCustomer,
  startAgentSystem,
} from './support/agent-system';
import { itNeedsResponsesApi } from './support/pending';
import type { TestSystem } from '../support/system';

const { ChatOpenAI } = agentModule('@langchain/openai');
const { ChatAnthropic } = agentModule('@langchain/anthropic');
const { HumanMessage, ToolMessage } = agentModule('@langchain/core/messages');
const { tool } = agentModule('@langchain/core/tools');
const { z } = agentModule('zod');

// Booting the whole system on a busy 2-core machine can take longer than Jest's default.
jest.setTimeout(90_000);

/** LangChain's chat models against the gateway: invoke, stream, bindTools; each charge checked. */
describe('agents: LangChain', () => {
  let system: TestSystem;

  beforeAll(async () => {
    ({ system } = await startAgentSystem());
  });
  afterAll(() => system.stop());

  type ChatModelOf = (key: string) => any;
  const models: Array<[string, ChatModelOf, typeof it]> = [
    [
      'ChatOpenAI',
      (key) =>
        new ChatOpenAI({
          model: AGENT_MODEL,
          apiKey: key,
          configuration: { baseURL: `${system.gateway.url}/v1` },
          maxRetries: 0,
        }),
      it,
    ],
    [
      'ChatOpenAI on the Responses API',
      (key) =>
        new ChatOpenAI({
          model: AGENT_MODEL,
          apiKey: key,
          configuration: { baseURL: `${system.gateway.url}/v1` },
          useResponsesApi: true,
          maxRetries: 0,
        }),
      itNeedsResponsesApi,
    ],
    [
      'ChatAnthropic',
      (key) =>
        new ChatAnthropic({
          model: AGENT_MODEL,
          apiKey: key,
          anthropicApiUrl: system.gateway.url,
          maxTokens: 256,
          maxRetries: 0,
        }),
      it,
    ],
  ];

  const weather = tool(async ({ city }: { city: string }) => `sunny in ${city}`, {
    name: 'get_weather',
    description: 'The current weather in a city',
    schema: z.object({ city: z.string() }),
  });

  describe.each(models)('%s', (_name, modelOf, test) => {
    test('invoke answers, charged once at the upstream token counts', async () => {
      const { customer, script } = await freshCustomer(system, 'unused');
      script.reply('Paris is the capital of France.');
      const answer = await modelOf(customer.key).invoke('What is the capital of France?');
      expect(answer.text).toBe('Paris is the capital of France.');
      const [reported] = script.reportedUsage();
      expect(answer.usage_metadata.input_tokens).toBe(reported.promptTokens);
      expect(answer.usage_metadata.output_tokens).toBe(reported.completionTokens);
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBe(1);
    });

    test('stream streams the answer, charged once', async () => {
      const { customer, script } = await freshCustomer(system, 'unused');
      script.reply('One two three four five six seven.');
      const parts: string[] = [];
      for await (const chunk of await modelOf(customer.key).stream('Count to seven.')) {
        if (chunk.text !== '') parts.push(chunk.text);
      }
      expect(parts.length).toBeGreaterThan(1);
      expect(parts.join('')).toBe('One two three four five six seven.');
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBe(1);
    });

    test('bindTools: a tool call, its result, then the answer; each call charged once', async () => {
      const { customer, script } = await freshCustomer(system, 'unused');
      script.toolCall('get_weather', { city: 'Paris' }).reply('It is sunny in Paris.');
      const model = modelOf(customer.key).bindTools([weather]);
      const question = new HumanMessage('What is the weather in Paris?');
      const first = await model.invoke([question]);
      expect(first.tool_calls).toHaveLength(1);
      expect(first.tool_calls[0]).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
      const result: string = await weather.invoke(first.tool_calls[0].args);
      const toolMessage = new ToolMessage({
        content: result,
        tool_call_id: first.tool_calls[0].id,
      });
      const second = await model.invoke([question, first, toolMessage]);
      expect(second.text).toBe('It is sunny in Paris.');
      expect(JSON.stringify(script.upstreamCalls()[1].messages)).toContain('sunny in Paris');
      expect(await expectChargedPerUpstreamCall(system, customer, script)).toBe(2);
    });
  });
});
