import fc from 'fast-check';
import {
  accumulateAnthropicEvents,
  checkAnthropicEventSequence,
  openAiToAnthropicResponse,
  OpenAiToAnthropicStream,
  type OpenAiChatChunk,
  type OpenAiResponseToolCall,
  type OpenAiUsage,
} from '@app/llm-formats';
import {
  deltaChunk,
  finishChunk,
  reasoningChunk,
  textChunk,
  toolChunk,
} from './openai-chunk.fixtures';

const options = {
  requestModel: 'claude-sonnet-4-5',
  messageId: 'msg_01',
  estimatedInputTokens: 42,
};

describe('streamed and complete answers agree', () => {
  interface Answer {
    reasoning: string;
    text: string;
    toolCalls: Array<{ id: string; name: string; input: Record<string, string> }>;
    finishReason: 'stop' | 'length' | 'tool_calls';
    usage: OpenAiUsage;
  }

  const answer: fc.Arbitrary<Answer> = fc.record({
    reasoning: fc.string({ maxLength: 40 }),
    text: fc.string({ maxLength: 40 }),
    toolCalls: fc.array(
      fc.record({
        id: fc.stringMatching(/^call_[a-z0-9]{1,8}$/),
        name: fc.stringMatching(/^[a-z_]{1,10}$/),
        input: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 10 }), {
          maxKeys: 3,
        }),
      }),
      { maxLength: 3 },
    ),
    finishReason: fc.constantFrom('stop' as const, 'length' as const, 'tool_calls' as const),
    usage: fc
      .tuple(fc.nat(10000), fc.nat(10000), fc.nat(10000))
      .map(([prompt, completion, cached]) => ({
        prompt_tokens: prompt + cached,
        completion_tokens: completion,
        prompt_tokens_details: { cached_tokens: cached },
      })),
  });

  /** Splits a string at the given cut points (taken modulo its length); never empty pieces. */
  const split = (value: string, cuts: number[]): string[] => {
    const cutPoints = cuts.map((cut) => cut % (value.length + 1));
    const points = [...new Set([0, ...cutPoints, value.length])].sort((a, b) => a - b);
    const pieces = points.slice(1).map((end, i) => value.slice(points[i], end));
    return pieces.length > 0 ? pieces : [''];
  };

  it('accumulating the stream gives the complete translation', () => {
    fc.assert(
      fc.property(answer, fc.array(fc.nat(), { maxLength: 6 }), (a, cuts) => {
        const chunks: OpenAiChatChunk[] = [deltaChunk({ role: 'assistant', content: '' })];
        for (const piece of split(a.reasoning, cuts))
          if (piece !== '') chunks.push(reasoningChunk(piece));
        for (const piece of split(a.text, cuts)) if (piece !== '') chunks.push(textChunk(piece));
        a.toolCalls.forEach((call, index) => {
          const [first, ...rest] = split(JSON.stringify(call.input), cuts);
          chunks.push(
            toolChunk({
              index,
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: first },
            }),
          );
          for (const piece of rest)
            chunks.push(toolChunk({ index, function: { arguments: piece } }));
        });
        chunks.push(finishChunk(a.finishReason), { choices: [], usage: a.usage });

        const stream = new OpenAiToAnthropicStream(options);
        const events = [...chunks.flatMap((chunk) => stream.push(chunk)), ...stream.finish()];
        expect(checkAnthropicEventSequence(events)).toEqual([]);
        const toolCalls: OpenAiResponseToolCall[] = a.toolCalls.map((call) => ({
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: JSON.stringify(call.input) },
        }));
        const complete = openAiToAnthropicResponse(
          {
            choices: [
              {
                message: { reasoning_content: a.reasoning, content: a.text, tool_calls: toolCalls },
                finish_reason: a.finishReason,
              },
            ],
            usage: a.usage,
          },
          options,
        );
        const streamed = accumulateAnthropicEvents(events);
        expect(streamed.content).toEqual(complete.content);
        expect(streamed.stop_reason).toBe(complete.stop_reason);
        expect(streamed.usage).toEqual(complete.usage);
        expect(streamed.id).toBe(complete.id);
        expect(streamed.model).toBe(complete.model);
      }),
      { numRuns: 300 },
    );
  });
});
