import fc from 'fast-check';
import {
  isInBandError,
  OpenAiSseError,
  OpenAiSseParser,
  OpenAiToAnthropicStream,
  serializeAnthropicEvent,
  type OpenAiChatChunk,
  type OpenAiSseItem,
} from '@app/llm-formats';

const chunk = (content: string, finishReason: string | null = null): OpenAiChatChunk => ({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: { content }, finish_reason: finishReason }],
});

/** A realistic upstream body: multi-byte text, a keep-alive comment, usage, and [DONE]. */
const CHUNKS: OpenAiChatChunk[] = [
  chunk(''),
  chunk('Grüße, '),
  chunk('世界 🌍'),
  chunk('line\nbreak "quoted" \\ \r'),
  {
    choices: [
      {
        index: 0,
        delta: {
          tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{"a":' } }],
        },
      },
    ],
  },
  chunk('', 'stop'),
  { choices: [], usage: { prompt_tokens: 10, completion_tokens: 4 } },
];
const EXPECTED: OpenAiSseItem[] = [...CHUNKS, 'done'];

const body = (lineBreak: string): string =>
  [
    ': keep-alive',
    '',
    ...CHUNKS.flatMap((c) => [`data: ${JSON.stringify(c)}`, '']),
    'data: [DONE]',
    '',
    '',
  ].join(lineBreak);

/** Feeds the pieces one by one, then ends the body. */
const parseAll = (pieces: string[]): OpenAiSseItem[] => {
  const parser = new OpenAiSseParser();
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
};

describe('OpenAiSseParser', () => {
  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('parses a whole body with %s line breaks', (_label, lineBreak) => {
    expect(parseAll([body(lineBreak)])).toEqual(EXPECTED);
  });

  it.each([
    ['\\n', '\n'],
    ['\\r\\n', '\r\n'],
    ['\\r', '\r'],
  ])('gives the same items when a %s body is split at any character', (_label, lineBreak) => {
    const text = body(lineBreak);
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parseAll([text.slice(0, cut), text.slice(cut)])).toEqual(EXPECTED);
    }
  });

  it('gives the same items when the UTF-8 bytes are split at every boundary and decoded', () => {
    const bytes = Buffer.from(body('\r\n'), 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = new TextDecoder();
      const pieces = [
        decoder.decode(bytes.subarray(0, cut), { stream: true }),
        decoder.decode(bytes.subarray(cut), { stream: true }),
        decoder.decode(),
      ];
      expect(parseAll(pieces)).toEqual(EXPECTED);
    }
  });

  it('gives the same items whatever the number and places of the splits', () => {
    const text = body('\r\n');
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(text.length), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), text.length];
        const pieces = points.slice(1).map((end, i) => text.slice(points[i], end));
        expect(parseAll(pieces)).toEqual(EXPECTED);
      }),
      { numRuns: 500 },
    );
  });

  it('parses one character at a time', () => {
    expect(parseAll([...body('\n')])).toEqual(EXPECTED);
  });

  it('returns several events pushed at once, and nothing for an incomplete one', () => {
    const parser = new OpenAiSseParser();
    const two = `data: ${JSON.stringify(CHUNKS[1])}\n\ndata: ${JSON.stringify(CHUNKS[2])}\n\n`;
    expect(parser.push(`${two}data: {"choices"`)).toEqual([CHUNKS[1], CHUNKS[2]]);
    expect(parser.push(':[]}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ choices: [] }]);
  });

  it('follows the SSE field rules', () => {
    const text = [
      ':comment with data: {"no":1}',
      'event: message',
      'id: 7',
      'retry: 1000',
      'data:{"choices":[],',
      'data: "usage":null}',
      '',
      'event: ping',
      '',
      'data',
      '',
      'data: [DONE]',
      '',
      '',
    ].join('\n');
    expect(parseAll([text])).toEqual([{ choices: [], usage: null }, 'done']);
  });

  it('delivers an unterminated last event at the end of the body', () => {
    const parser = new OpenAiSseParser();
    expect(parser.push('data: {"choices":[]}\n\ndata: [DONE]')).toEqual([{ choices: [] }]);
    expect(parser.end()).toEqual(['done']);
    expect(parser.end()).toEqual([]);
  });

  it('waits after a trailing \\r to know whether a \\n follows', () => {
    const parser = new OpenAiSseParser();
    expect(parser.push('data: [DONE]\r\n\r')).toEqual([]);
    expect(parser.push('\n')).toEqual(['done']);
    const other = new OpenAiSseParser();
    expect(other.push('data: [DONE]\r\r')).toEqual([]);
    expect(other.end()).toEqual(['done']);
  });

  it('yields in-band upstream errors for the caller to check', () => {
    const error = { error: { message: 'overloaded', type: 'server_error' } };
    expect(parseAll([`data: ${JSON.stringify(error)}\n\n`])).toEqual([error]);
  });

  it.each([['{"choices": ['], ['42'], ['"text"'], ['null'], ['[1]']])(
    'throws on data %s, keeping the preceding items and carrying on after it',
    (data) => {
      const parser = new OpenAiSseParser();
      const good = `data: ${JSON.stringify(CHUNKS[1])}\n\n`;
      let thrown: unknown;
      try {
        parser.push(`${good}data: ${data}\n\n${good}`);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(OpenAiSseError);
      const sseError = thrown as OpenAiSseError;
      expect(sseError.data).toBe(data);
      expect(sseError.precedingItems).toEqual([CHUNKS[1]]);
      expect(sseError.message).toContain(data);
      expect(parser.push('')).toEqual([CHUNKS[1]]);
    },
  );
});

describe('serializeAnthropicEvent', () => {
  it('writes the event type and a single data line', () => {
    expect(serializeAnthropicEvent({ type: 'ping' })).toBe(
      'event: ping\ndata: {"type":"ping"}\n\n',
    );
    expect(
      serializeAnthropicEvent({
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'text_delta', text: 'a\nb' },
      }),
    ).toBe(
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\nb"}}\n\n',
    );
  });

  it('round-trips a translated stream through an SSE parser split at every character', () => {
    const stream = new OpenAiToAnthropicStream({
      requestModel: 'claude',
      messageId: 'msg_1',
      estimatedInputTokens: 3,
    });
    const events = [...CHUNKS.flatMap((c) => stream.push(c)), ...stream.finish()];
    const text = events.map(serializeAnthropicEvent).join('');
    const eventNames = [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    expect(eventNames).toEqual(events.map((event) => event.type));
    for (let cut = 0; cut <= text.length; cut++) {
      // The parser only reads `data`; Anthropic payloads are JSON objects too.
      expect(parseAll([text.slice(0, cut), text.slice(cut)])).toEqual(events);
    }
  });
});

describe('isInBandError', () => {
  it('is an error object without choices', () => {
    expect(isInBandError({ error: { message: 'overloaded' } } as never)).toBe(true);
  });

  it('is not a chunk with choices, even one carrying an error field', () => {
    expect(isInBandError({ choices: [], error: { message: 'x' } })).toBe(false);
    expect(isInBandError({ choices: [{ index: 0, delta: {} }] })).toBe(false);
    expect(isInBandError({ error: null } as never)).toBe(false);
  });
});
