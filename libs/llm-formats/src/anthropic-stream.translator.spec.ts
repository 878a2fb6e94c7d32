import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import {
  accumulateAnthropicEvents,
  checkAnthropicEventSequence,
  OpenAiToAnthropicStream,
  type AnthropicStreamEvent,
  type OpenAiChatChunk,
} from '@app/llm-formats';
import {
  deltaChunk,
  finishChunk,
  reasoningChunk,
  textChunk,
  toolChunk,
  usageChunk,
} from './openai-chunk.fixtures';

const options = {
  requestModel: 'claude-sonnet-4-5',
  messageId: 'msg_01',
  estimatedInputTokens: 42,
};

/** Feeds the chunks one by one, then calls finish(), and checks the sequence is well-formed. */
function run(chunks: OpenAiChatChunk[]): AnthropicStreamEvent[] {
  const stream = new OpenAiToAnthropicStream(options);
  const events = [...chunks.flatMap((chunk) => stream.push(chunk)), ...stream.finish()];
  expectWellFormed(events);
  expect(stream.isFinished).toBe(true);
  return events;
}

function expectWellFormed(events: AnthropicStreamEvent[]): void {
  expect(checkAnthropicEventSequence(events)).toEqual([]);
}

const START: AnthropicStreamEvent[] = [
  {
    type: 'message_start',
    message: {
      id: 'msg_01',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 42, output_tokens: 0 },
    },
  },
  { type: 'ping' },
];

const textStart = (index: number): AnthropicStreamEvent => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'text', text: '' },
});
const textDelta = (index: number, value: string): AnthropicStreamEvent => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'text_delta', text: value },
});
const stop = (index: number): AnthropicStreamEvent => ({ type: 'content_block_stop', index });

describe('OpenAiToAnthropicStream', () => {
  it('translates a text-only stream, typed with the official OpenAI SDK', () => {
    const sdkChunk = (
      choices: ChatCompletionChunk['choices'],
      usage?: ChatCompletionChunk['usage'],
    ): ChatCompletionChunk => ({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o',
      choices,
      ...(usage !== undefined && { usage }),
    });
    const sdkChunks: ChatCompletionChunk[] = [
      sdkChunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
      sdkChunk([{ index: 0, delta: { content: 'Hel' }, finish_reason: null }]),
      sdkChunk([{ index: 0, delta: { content: 'lo' }, finish_reason: null }]),
      sdkChunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
      sdkChunk([], {
        prompt_tokens: 50,
        completion_tokens: 2,
        total_tokens: 52,
        prompt_tokens_details: { cached_tokens: 30 },
      }),
    ];
    expect(run(sdkChunks)).toEqual([
      ...START,
      textStart(0),
      textDelta(0, 'Hel'),
      textDelta(0, 'lo'),
      stop(0),
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 2, input_tokens: 20, cache_read_input_tokens: 30 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('emits message_start and ping with the first chunk only', () => {
    const stream = new OpenAiToAnthropicStream(options);
    expect(stream.push(deltaChunk({ role: 'assistant' }))).toEqual(START);
    expect(stream.push(textChunk('a'))).toEqual([textStart(0), textDelta(0, 'a')]);
    expect(stream.push(textChunk('b'))).toEqual([textDelta(0, 'b')]);
  });

  it('puts reasoning in a thinking block closed when the text starts', () => {
    const events = run([
      reasoningChunk('Let me'),
      deltaChunk({ reasoning: ' think' }),
      textChunk('Answer'),
      finishChunk('stop'),
      usageChunk(10, 5),
    ]);
    expect(events.slice(2, -2)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'Let me' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: ' think' },
      },
      stop(0),
      textStart(1),
      textDelta(1, 'Answer'),
      stop(1),
    ]);
  });

  it('reads Mistral thinking parts', () => {
    const events = run([
      deltaChunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }] }] }),
      deltaChunk({ content: [{ type: 'text', text: 'ok' }] }),
      finishChunk('stop'),
    ]);
    expect(accumulateAnthropicEvents(events).content).toEqual([
      { type: 'thinking', thinking: 'hmm', signature: '' },
      { type: 'text', text: 'ok' },
    ]);
  });

  it('gives text and two parallel tool calls their own blocks, arguments split over many chunks', () => {
    const chunks = [
      textChunk('Checking '),
      textChunk('both.'),
      toolChunk({
        index: 0,
        id: 'call_a',
        type: 'function',
        function: { name: 'weather', arguments: '' },
      }),
      ...['{"ci', 'ty": ', '"Par', 'is"}'].map((piece) =>
        toolChunk({ index: 0, function: { arguments: piece } }),
      ),
      toolChunk({
        index: 1,
        id: 'call_b',
        type: 'function',
        function: { name: 'weather', arguments: '{' },
      }),
      ...['"city"', ':', '"Rome"', '}'].map((piece) =>
        toolChunk({ index: 1, function: { arguments: piece } }),
      ),
      finishChunk('tool_calls'),
      usageChunk(100, 40),
    ];
    const events = run(chunks);
    const json = (index: number, partial: string): AnthropicStreamEvent => ({
      type: 'content_block_delta',
      index,
      delta: { type: 'input_json_delta', partial_json: partial },
    });
    expect(events).toEqual([
      ...START,
      textStart(0),
      textDelta(0, 'Checking '),
      textDelta(0, 'both.'),
      stop(0),
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_a', name: 'weather', input: {} },
      },
      json(1, '{"ci'),
      json(1, 'ty": '),
      json(1, '"Par'),
      json(1, 'is"}'),
      stop(1),
      {
        type: 'content_block_start',
        index: 2,
        content_block: { type: 'tool_use', id: 'call_b', name: 'weather', input: {} },
      },
      json(2, '{'),
      json(2, '"city"'),
      json(2, ':'),
      json(2, '"Rome"'),
      json(2, '}'),
      stop(2),
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: { output_tokens: 40, input_tokens: 100, cache_read_input_tokens: 0 },
      },
      { type: 'message_stop' },
    ]);
    expect(accumulateAnthropicEvents(events).content).toEqual([
      { type: 'text', text: 'Checking both.' },
      { type: 'tool_use', id: 'call_a', name: 'weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_b', name: 'weather', input: { city: 'Rome' } },
    ]);
  });

  it('holds message_delta until usage arrives after the finish reason', () => {
    const stream = new OpenAiToAnthropicStream(options);
    stream.push(textChunk('Hi'));
    expect(stream.push(finishChunk('length'))).toEqual([stop(0)]);
    expect(stream.isFinished).toBe(false);
    expect(stream.push(usageChunk(9, 1))).toEqual([
      {
        type: 'message_delta',
        delta: { stop_reason: 'max_tokens', stop_sequence: null },
        usage: { output_tokens: 1, input_tokens: 9, cache_read_input_tokens: 0 },
      },
      { type: 'message_stop' },
    ]);
    expect(stream.isFinished).toBe(true);
    expect(stream.finish()).toEqual([]);
    expect(stream.push(textChunk('late'))).toEqual([]);
  });

  it('closes at once when usage comes with the finish reason (Mistral)', () => {
    const stream = new OpenAiToAnthropicStream(options);
    stream.push(textChunk('Hi'));
    const last: OpenAiChatChunk = {
      ...finishChunk('stop'),
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    };
    expect(stream.push(last).map((e) => e.type)).toEqual([
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('waits for the finish reason when usage comes first', () => {
    const stream = new OpenAiToAnthropicStream(options);
    stream.push(textChunk('Hi'));
    expect(stream.push(usageChunk(3, 1))).toEqual([]);
    expect(stream.push(finishChunk('stop')).map((e) => e.type)).toEqual([
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
  });

  it('uses the finish reason when finish() is called before usage arrives', () => {
    const events = run([textChunk('Hi'), finishChunk('content_filter')]);
    expect(events.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'refusal', stop_sequence: null },
      usage: { output_tokens: 1 },
    });
  });

  it('closes a stream that ends without finish reason nor usage', () => {
    const events = run([textChunk('Hello '), textChunk('world!')]);
    expect(events.slice(-3)).toEqual([
      stop(0),
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        // No usage: 12 streamed characters, estimated at 4 per token.
        usage: { output_tokens: 3 },
      },
      { type: 'message_stop' },
    ]);
  });

  it('reports tool_use when a stream with tool calls ends without finish reason', () => {
    const events = run([
      toolChunk({ index: 0, id: 'c', function: { name: 'x', arguments: '{}' } }),
    ]);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('closes an empty stream', () => {
    const stream = new OpenAiToAnthropicStream(options);
    const events = stream.finish();
    expectWellFormed(events);
    expect(events).toEqual([
      ...START,
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 0 },
      },
      { type: 'message_stop' },
    ]);
  });
});
