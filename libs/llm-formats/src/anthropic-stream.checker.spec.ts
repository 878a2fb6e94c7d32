import { checkAnthropicEventSequence, type AnthropicStreamEvent } from '@app/llm-formats';

const start: AnthropicStreamEvent = {
  type: 'message_start',
  message: {
    id: 'msg',
    type: 'message',
    role: 'assistant',
    model: 'm',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  },
};
const textStart = (index: number): AnthropicStreamEvent => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'text', text: '' },
});
const toolStart = (index: number): AnthropicStreamEvent => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id: 't', name: 'n', input: {} },
});
const textDelta = (index: number): AnthropicStreamEvent => ({
  type: 'content_block_delta',
  index,
  delta: { type: 'text_delta', text: 'x' },
});
const stop = (index: number): AnthropicStreamEvent => ({ type: 'content_block_stop', index });
const messageDelta: AnthropicStreamEvent = {
  type: 'message_delta',
  delta: { stop_reason: 'end_turn', stop_sequence: null },
  usage: { output_tokens: 1 },
};
const messageStop: AnthropicStreamEvent = { type: 'message_stop' };
const ping: AnthropicStreamEvent = { type: 'ping' };

describe('checkAnthropicEventSequence', () => {
  it('accepts well-formed sequences', () => {
    expect(
      checkAnthropicEventSequence([
        start,
        ping,
        textStart(0),
        textDelta(0),
        ping,
        stop(0),
        toolStart(1),
        stop(1),
        messageDelta,
        messageStop,
      ]),
    ).toEqual([]);
    expect(checkAnthropicEventSequence([start, messageDelta, messageStop])).toEqual([]);
    expect(
      checkAnthropicEventSequence([
        start,
        textStart(0),
        { type: 'error', error: { type: 'overloaded_error', message: 'x' } },
      ]),
    ).toEqual([]);
  });

  it.each<[string, AnthropicStreamEvent[], RegExp]>([
    ['an empty stream', [], /empty/],
    [
      'no message_start',
      [textStart(0), stop(0), messageDelta, messageStop],
      /begin with message_start/,
    ],
    ['two message_starts', [start, start, messageDelta, messageStop], /message_start sent twice/],
    ['no message_stop', [start, messageDelta], /does not end/],
    ['events after message_stop', [start, messageDelta, messageStop, ping], /after the end/],
    [
      'indices not starting at 0',
      [start, textStart(1), stop(1), messageDelta, messageStop],
      /expected 0/,
    ],
    [
      'indices skipping one',
      [start, textStart(0), stop(0), textStart(2), stop(2), messageDelta, messageStop],
      /expected 1/,
    ],
    [
      'overlapping blocks',
      [start, textStart(0), textStart(1), stop(1), messageDelta, messageStop],
      /still open/,
    ],
    ['a block never stopped', [start, textStart(0), messageDelta, messageStop], /still open/],
    [
      'a block stopped twice',
      [start, textStart(0), stop(0), stop(0), messageDelta, messageStop],
      /not open/,
    ],
    ['a delta outside any block', [start, textDelta(0), messageDelta, messageStop], /not open/],
    [
      'a delta after the stop',
      [start, textStart(0), stop(0), textDelta(0), messageDelta, messageStop],
      /not open/,
    ],
    [
      'a delta of the wrong kind',
      [start, toolStart(0), textDelta(0), stop(0), messageDelta, messageStop],
      /text_delta inside a tool_use/,
    ],
    ['no message_delta', [start, messageStop], /without message_delta/],
    [
      'two message_deltas',
      [start, messageDelta, messageDelta, messageStop],
      /message_delta sent twice/,
    ],
    [
      'a block after message_delta',
      [start, messageDelta, textStart(0), stop(0), messageStop],
      /after message_delta/,
    ],
  ])('reports %s', (_label, events, problem) => {
    const problems = checkAnthropicEventSequence(events);
    expect(problems.some((p) => problem.test(p))).toBe(true);
  });
});
