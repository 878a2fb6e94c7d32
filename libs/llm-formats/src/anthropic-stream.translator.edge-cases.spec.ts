import {
  accumulateAnthropicEvents,
  checkAnthropicEventSequence,
  OpenAiToAnthropicStream,
  type AnthropicStreamEvent,
  type OpenAiChatChunk,
} from '@app/llm-formats';
import { deltaChunk, finishChunk, textChunk, toolChunk } from './openai-chunk.fixtures';

const options = {
  requestModel: 'claude-sonnet-4-5',
  messageId: 'msg_01',
  estimatedInputTokens: 42,
};

/** Feeds the chunks one by one, then calls finish(), and checks the sequence is well-formed. */
function run(chunks: OpenAiChatChunk[]): AnthropicStreamEvent[] {
  const stream = new OpenAiToAnthropicStream(options);
  const events = [...chunks.flatMap((chunk) => stream.push(chunk)), ...stream.finish()];
  expect(checkAnthropicEventSequence(events)).toEqual([]);
  return events;
}

describe('OpenAiToAnthropicStream with unusual upstreams', () => {
  it('keys tool calls by id when the upstream sends no index', () => {
    const events = run([
      toolChunk({ id: 'a', function: { name: 'one', arguments: '{"n":1}' } }),
      toolChunk({ id: 'b', function: { name: 'two', arguments: '{"n":' } }),
      toolChunk({ function: { arguments: '2}' } }),
      finishChunk('tool_calls'),
    ]);
    expect(accumulateAnthropicEvents(events).content).toEqual([
      { type: 'tool_use', id: 'a', name: 'one', input: { n: 1 } },
      { type: 'tool_use', id: 'b', name: 'two', input: { n: 2 } },
    ]);
  });

  it('invents ids for tool calls without one', () => {
    const events = run([
      toolChunk({ index: 0, function: { name: 'x', arguments: '{}' } }),
      toolChunk({ index: 1, function: { name: 'y', arguments: '{}' } }),
    ]);
    expect(accumulateAnthropicEvents(events).content).toEqual([
      { type: 'tool_use', id: 'toolu_msg_01_0', name: 'x', input: {} },
      { type: 'tool_use', id: 'toolu_msg_01_1', name: 'y', input: {} },
    ]);
  });

  it('drops fragments of a tool call whose block is already closed', () => {
    const events = run([
      toolChunk({ index: 0, id: 'a', function: { name: 'x', arguments: '{}' } }),
      toolChunk({ index: 1, id: 'b', function: { name: 'y', arguments: '{}' } }),
      toolChunk({ index: 0, function: { arguments: 'late' } }),
    ]);
    expect(events.filter((e) => e.type === 'content_block_start')).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain('late');
  });

  it('starts a new text block when text follows a tool call', () => {
    const events = run([
      toolChunk({ index: 0, id: 'a', function: { name: 'x', arguments: '{}' } }),
      textChunk('done'),
    ]);
    expect(events.filter((e) => e.type === 'content_block_start').map((e) => e.index)).toEqual([
      0, 1,
    ]);
  });

  it('ignores other choices, error chunks and empty deltas', () => {
    const other: OpenAiChatChunk = { choices: [{ index: 1, delta: { content: 'B' } }] };
    const failure: OpenAiChatChunk = { choices: [], error: { message: 'overloaded' } };
    const malformed = { choices: null } as unknown as OpenAiChatChunk;
    const events = run([
      textChunk('A'),
      other,
      failure,
      malformed,
      deltaChunk({ content: null }),
      deltaChunk({}),
    ]);
    expect(accumulateAnthropicEvents(events).content).toEqual([{ type: 'text', text: 'A' }]);
  });

  it('reports a refusal delta as text', () => {
    const events = run([deltaChunk({ refusal: 'No.' }), finishChunk('content_filter')]);
    const message = accumulateAnthropicEvents(events);
    expect(message.content).toEqual([{ type: 'text', text: 'No.' }]);
    expect(message.stop_reason).toBe('refusal');
  });
});
