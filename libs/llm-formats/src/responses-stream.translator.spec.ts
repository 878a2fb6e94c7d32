import { OpenAiToResponsesStream, validateResponsesRequest } from '@app/llm-formats';
import {
  deltaChunk,
  finishChunk,
  reasoningChunk,
  textChunk,
  toolChunk,
  usageChunk,
} from './openai-chunk.fixtures';
import { accumulate } from './responses-event.fixtures';

const request = validateResponsesRequest({ model: 'magistral-medium-latest', input: 'hi' });
const options = { responseId: 'gen_1', createdAt: 1_700_000_000, estimatedInputTokens: 9 };

describe('OpenAiToResponsesStream', () => {
  it('emits the full event sequence of a text answer, numbered from 0, usage last', () => {
    const stream = new OpenAiToResponsesStream(request, options);
    const events = [
      deltaChunk({ role: 'assistant', content: '' }),
      textChunk('Hello'),
      textChunk(' world'),
      finishChunk('stop'),
      usageChunk(12, 2, 4),
    ].flatMap((chunk) => stream.push(chunk));

    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    const completed = events[events.length - 1];
    expect(completed).toMatchObject({
      response: {
        id: 'gen_1',
        status: 'completed',
        model: 'magistral-medium-latest',
        usage: {
          input_tokens: 12,
          input_tokens_details: { cached_tokens: 4 },
          output_tokens: 2,
          total_tokens: 14,
        },
      },
    });
    expect(accumulate(events).output).toEqual([
      {
        type: 'message',
        id: 'msg_gen_1_0',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Hello world', annotations: [], logprobs: [] }],
      },
    ]);
    expect(stream.isFinished).toBe(true);
    expect(stream.push(textChunk('late'))).toEqual([]);
    expect(stream.finish()).toEqual([]);
  });

  it('streams reasoning, then text, then two function calls as separate items', () => {
    const stream = new OpenAiToResponsesStream(request, options);
    const events = [
      reasoningChunk('think'),
      textChunk('Calling.'),
      toolChunk({
        index: 0,
        id: 'call_a',
        type: 'function',
        function: { name: 'f', arguments: '{"a"' },
      }),
      toolChunk({ index: 0, function: { arguments: ':1}' } }),
      toolChunk({
        index: 1,
        id: 'call_b',
        type: 'function',
        function: { name: 'g', arguments: '{}' },
      }),
      finishChunk('tool_calls'),
      usageChunk(5, 7),
    ].flatMap((chunk) => stream.push(chunk));

    const types = events.map((event) => event.type);
    expect(types).toContain('response.reasoning_text.delta');
    expect(types.filter((type) => type === 'response.function_call_arguments.done')).toHaveLength(
      2,
    );
    const final = accumulate(events);
    expect(final.status).toBe('completed');
    expect(final.output.map((item) => item.type)).toEqual([
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
    expect(final.output[2]).toMatchObject({ call_id: 'call_a', name: 'f', arguments: '{"a":1}' });
    expect(final.output[3]).toMatchObject({ call_id: 'call_b', name: 'g', arguments: '{}' });
    const done = events.find((event) => event.type === 'response.function_call_arguments.done');
    expect(done).toMatchObject({ name: 'f', arguments: '{"a":1}', output_index: 2 });
  });

  it('ends incomplete after a length finish', () => {
    const stream = new OpenAiToResponsesStream(request, options);
    const events = [textChunk('cut'), finishChunk('length'), usageChunk(3, 1)].flatMap((chunk) =>
      stream.push(chunk),
    );
    expect(events[events.length - 1]).toMatchObject({
      type: 'response.incomplete',
      response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
    });
  });

  it('finishes a stream whose upstream never sent usage with estimated counts', () => {
    const stream = new OpenAiToResponsesStream(request, options);
    const events = [...stream.push(textChunk('12345678')), ...stream.finish()];
    expect(events[events.length - 1]).toMatchObject({
      type: 'response.completed',
      response: { usage: { input_tokens: 9, output_tokens: 2, total_tokens: 11 } },
    });
    expect(accumulate(events).output).toHaveLength(1);
  });

  it('ends with response.failed when the upstream breaks mid-stream', () => {
    const stream = new OpenAiToResponsesStream(request, options);
    const events = [...stream.push(textChunk('partial')), ...stream.fail('upstream broke')];
    expect(events[events.length - 1]).toMatchObject({
      type: 'response.failed',
      response: { status: 'failed', error: { code: 'server_error', message: 'upstream broke' } },
    });
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    expect(stream.fail('again')).toEqual([]);
  });

  it('opens with created and in_progress even when the upstream sends nothing', () => {
    const events = new OpenAiToResponsesStream(request, options).finish();
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ]);
  });
});
