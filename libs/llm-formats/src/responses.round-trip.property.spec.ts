import fc from 'fast-check';
import {
  openAiToResponsesResponse,
  OpenAiToResponsesStream,
  responsesToOpenAiRequest,
  validateResponsesRequest,
  type OpenAiChatChunk,
  type OpenAiUsage,
} from '@app/llm-formats';
import {
  deltaChunk,
  finishChunk,
  reasoningChunk,
  textChunk,
  toolChunk,
} from './openai-chunk.fixtures';
import { accumulate } from './responses-event.fixtures';

const request = validateResponsesRequest({ model: 'devstral-medium-latest', input: 'go' });
const options = { responseId: 'gen_rt', createdAt: 1_800_000_000, estimatedInputTokens: 3 };

interface Answer {
  reasoning: string;
  text: string;
  toolCalls: Array<{ id: string; name: string; input: Record<string, string> }>;
  finishReason: 'stop' | 'length' | 'tool_calls';
  usage: OpenAiUsage;
}

const answer: fc.Arbitrary<Answer> = fc.record({
  reasoning: fc.string({ maxLength: 30 }),
  text: fc.string({ maxLength: 30 }),
  toolCalls: fc.uniqueArray(
    fc.record({
      id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/),
      name: fc.stringMatching(/^[a-z_]{1,10}$/),
      input: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 10 }), {
        maxKeys: 3,
      }),
    }),
    { maxLength: 3, selector: (call) => call.id },
  ),
  finishReason: fc.constantFrom('stop' as const, 'length' as const, 'tool_calls' as const),
  usage: fc.tuple(fc.nat(10000), fc.nat(10000), fc.nat(10000)).map(([prompt, out, cached]) => ({
    prompt_tokens: prompt + cached,
    completion_tokens: out,
    prompt_tokens_details: { cached_tokens: cached },
  })),
});

/** Splits a string at the given cut points (modulo its length); never empty pieces. */
const split = (value: string, cuts: number[]): string[] => {
  const points = [...new Set([0, ...cuts.map((cut) => cut % (value.length + 1)), value.length])];
  points.sort((a, b) => a - b);
  return points.slice(1).map((end, i) => value.slice(points[i], end));
};

const chunksOf = (a: Answer, cuts: number[]): OpenAiChatChunk[] => {
  const chunks: OpenAiChatChunk[] = [deltaChunk({ role: 'assistant', content: '' })];
  for (const piece of split(a.reasoning, cuts)) chunks.push(reasoningChunk(piece));
  for (const piece of split(a.text, cuts)) chunks.push(textChunk(piece));
  a.toolCalls.forEach((call, index) => {
    const [first = '', ...rest] = split(JSON.stringify(call.input), cuts);
    const head = { name: call.name, arguments: first };
    chunks.push(toolChunk({ index, id: call.id, type: 'function', function: head }));
    for (const piece of rest) chunks.push(toolChunk({ index, function: { arguments: piece } }));
  });
  chunks.push(finishChunk(a.finishReason), { choices: [], usage: a.usage });
  return chunks;
};

const wholeOf = (a: Answer) => ({
  choices: [
    {
      index: 0,
      finish_reason: a.finishReason,
      message: {
        role: 'assistant',
        content: a.text,
        reasoning_content: a.reasoning,
        tool_calls: a.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.input) },
        })),
      },
    },
  ],
  usage: a.usage,
});

describe('Responses translation round trips', () => {
  it('accumulating the stream (official SDK accumulator) gives the whole-answer translation', () => {
    fc.assert(
      fc.property(answer, fc.array(fc.nat(), { maxLength: 6 }), (a, cuts) => {
        const stream = new OpenAiToResponsesStream(request, options);
        const events = chunksOf(a, cuts).flatMap((chunk) => stream.push(chunk));
        events.push(...stream.finish());
        expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
        expect(
          events.filter((event) => event.type.startsWith('response.c')).length,
        ).toBeGreaterThan(0);
        const streamed = accumulate(events);
        const whole = openAiToResponsesResponse(wholeOf(a), request, options);
        expect(streamed.output).toEqual(whole.output);
        expect(streamed.usage).toEqual(whole.usage);
        expect(streamed.status).toEqual(whole.status);
        expect(streamed.incomplete_details).toEqual(whole.incomplete_details);
      }),
    );
  });

  it('output items sent back as input reproduce the upstream assistant turn', () => {
    fc.assert(
      fc.property(answer, (a) => {
        const response = openAiToResponsesResponse(wholeOf(a), request, options);
        const calls = response.output.filter((item) => item.type === 'function_call');
        const next = validateResponsesRequest({
          model: 'devstral-medium-latest',
          input: [
            { role: 'user', content: 'go' },
            ...response.output,
            ...calls.map((call) => ({
              type: 'function_call_output',
              call_id: call.call_id,
              output: `result of ${call.call_id}`,
            })),
          ],
        });
        const chat = responsesToOpenAiRequest(next, {
          upstreamModel: 'u',
          supportsReasoning: false,
        });
        const upstream = wholeOf(a).choices[0].message;
        const assistant = chat.messages.filter((message) => message.role === 'assistant');
        if (a.text === '' && a.toolCalls.length === 0) {
          expect(assistant).toEqual([]);
          return;
        }
        expect(assistant).toEqual([
          {
            role: 'assistant',
            content: a.text === '' ? null : a.text,
            ...(a.toolCalls.length > 0 && { tool_calls: upstream.tool_calls }),
          },
        ]);
        expect(chat.messages.filter((message) => message.role === 'tool')).toEqual(
          a.toolCalls.map((call) => ({
            role: 'tool',
            tool_call_id: call.id,
            content: `result of ${call.id}`,
          })),
        );
      }),
    );
  });
});
