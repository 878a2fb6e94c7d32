import type { UpstreamStreamItem } from './upstream-dialect';
import { OpenAiCompatibleDialect } from './openai-compatible.dialect';

const stream =
  'data: {"id":"a","choices":[{"delta":{"content":"héllo"}}]}\n\n' +
  ': keep-alive\n\n' +
  'data: not json\n\n' +
  'data: {"id":"b","choices":[]}\r\n\r\n' +
  'data: [DONE]\n\n';

async function read(pieces: Uint8Array[]): Promise<UpstreamStreamItem[]> {
  async function* body(): AsyncGenerator<Uint8Array> {
    yield* pieces;
  }
  const items: UpstreamStreamItem[] = [];
  for await (const item of new OpenAiCompatibleDialect().readStream(body())) items.push(item);
  return items;
}

describe('OpenAiCompatibleDialect.readStream', () => {
  it('yields the same items wherever the bytes are cut, even inside a character', async () => {
    const bytes = new TextEncoder().encode(stream);
    const whole = await read([bytes]);
    expect(whole).toEqual([
      { kind: 'chunk', chunk: { id: 'a', choices: [{ delta: { content: 'héllo' } }] } },
      { kind: 'malformed', data: 'not json' },
      { kind: 'chunk', chunk: { id: 'b', choices: [] } },
      { kind: 'done' },
    ]);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await read([bytes.slice(0, cut), bytes.slice(cut)])).toEqual(whole);
    }
  });

  it('delivers a last event that lacks its closing blank line', async () => {
    expect(await read([new TextEncoder().encode('data: {"choices":[]}')])).toEqual([
      { kind: 'chunk', chunk: { choices: [] } },
    ]);
  });
});

describe('OpenAiCompatibleDialect.chatRequest', () => {
  it('asks for the usage of a stream, keeping the other stream options', () => {
    const dialect = new OpenAiCompatibleDialect();
    expect(
      dialect.chatRequest({ model: 'm', stream: true, stream_options: { x: 1 } }, true, 64),
    ).toEqual({
      path: '/chat/completions',
      body: {
        model: 'm',
        stream: true,
        max_tokens: 64,
        stream_options: { x: 1, include_usage: true },
      },
    });
    expect(dialect.chatRequest({ model: 'm' }, false, 64)).toEqual({
      path: '/chat/completions',
      body: { model: 'm', max_tokens: 64 },
    });
  });

  it('sends the held cap in max_tokens, whatever caps the body carries', () => {
    const dialect = new OpenAiCompatibleDialect();
    expect(
      dialect.chatRequest(
        { model: 'm', max_tokens: 100_000, max_completion_tokens: 10 },
        false,
        10,
      ),
    ).toEqual({ path: '/chat/completions', body: { model: 'm', max_tokens: 10 } });
  });
});
