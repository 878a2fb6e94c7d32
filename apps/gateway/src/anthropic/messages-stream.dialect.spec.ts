import type { Response } from 'express';
import { Writable } from 'node:stream';
import { checkAnthropicEventSequence, type AnthropicStreamEvent } from '@app/llm-formats';
import { OpenAiCompatibleDialect } from '../inference/providers/openai-compatible.dialect';
import { StreamRelay } from '../inference/stream.relay';
import { MessagesStreamDialect } from './messages-stream.dialect';

/** Just enough of an express Response: records what was written. */
class FakeResponse extends Writable {
  readonly written: string[] = [];
  status: number | undefined;
  /** Called after each write, e.g. to simulate a client that leaves. */
  onWrite: (() => void) | undefined;

  writeHead(status: number): this {
    this.status = status;
    return this;
  }

  flushHeaders(): void {}

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.written.push(chunk.toString());
    done();
    this.onWrite?.();
  }

  events(): AnthropicStreamEvent[] {
    return this.written
      .join('')
      .split('\n\n')
      .filter((block) => block !== '')
      .map((block) => JSON.parse(block.split('\n')[1].slice('data: '.length)));
  }
}

async function* upstreamOf(pieces: string[], failAfter?: number): AsyncGenerator<Uint8Array> {
  for (const [i, piece] of pieces.entries()) {
    if (i === failAfter) throw new Error('socket hang up');
    yield new TextEncoder().encode(piece);
  }
}

const data = (payload: object | string) =>
  `data: ${typeof payload === 'string' ? payload : JSON.stringify(payload)}\n\n`;
const text = (content: string) => data({ choices: [{ index: 0, delta: { content } }] });
const finish = data({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
const usage = data({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 3 } });
const options = { messageId: 'gen_1', requestModel: 'm', estimatedInputTokens: 10 };

async function relay(pieces: string[], failAfter?: number, response = new FakeResponse()) {
  const relay = new StreamRelay(
    response as unknown as Response,
    new MessagesStreamDialect(options),
    options.messageId,
    1000,
  );
  const outcome = await relay.run(
    new OpenAiCompatibleDialect().readStream(upstreamOf(pieces, failAfter)),
  );
  return { outcome, response, events: response.events() };
}

describe('StreamRelay with the Anthropic Messages dialect', () => {
  it('translates a complete stream, however it was cut, and reports the upstream usage', async () => {
    const whole = text('Hello') + text(' there') + finish + usage + data('[DONE]');
    const { outcome, response, events } = await relay([
      whole.slice(0, 7),
      whole.slice(7, 50),
      whole.slice(50),
    ]);
    expect(response.status).toBe(200);
    expect(response.writableEnded).toBe(true);
    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(events.at(-2)).toMatchObject({
      type: 'message_delta',
      usage: { input_tokens: 12, output_tokens: 3 },
    });
    expect(outcome).toEqual({
      usage: { inputTokens: 12, outputTokens: 3, cachedInputTokens: 0, estimated: false },
      producedCharacters: 'Hello there'.length,
      broken: false,
      clientGone: false,
    });
  });

  it('skips an event that is not JSON and carries on', async () => {
    const { outcome, events } = await relay([
      text('a') + data('not json') + text('b'),
      finish + usage + data('[DONE]'),
    ]);
    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(outcome).toMatchObject({ broken: false, producedCharacters: 2 });
  });

  it('ends the client stream with an error event on an in-band upstream error, and still reads the usage', async () => {
    const { outcome, response, events } = await relay([
      text('partial'),
      data({ error: { message: 'overloaded at 10.0.0.7 with sk-secret' } }),
      usage,
    ]);
    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'The upstream stream ended abnormally.' },
    });
    expect(response.written.join('')).not.toContain('sk-secret');
    expect(response.writableEnded).toBe(true);
    expect(outcome).toMatchObject({ broken: true, usage: { inputTokens: 12, outputTokens: 3 } });
  });

  it('sends nothing after message_stop, even if the upstream then reports an error', async () => {
    const { outcome, events } = await relay([
      text('done'),
      finish,
      usage,
      data({ error: { message: 'late failure' } }),
    ]);
    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(events.at(-1)?.type).toBe('message_stop');
    expect(outcome.usage).toMatchObject({ inputTokens: 12, outputTokens: 3 });
  });

  it('ends with an error event when the upstream connection breaks', async () => {
    const { outcome, events } = await relay([text('some'), text(' words'), finish], 2);
    expect(checkAnthropicEventSequence(events)).toEqual([]);
    expect(events.at(-1)?.type).toBe('error');
    expect(outcome).toMatchObject({ broken: true, usage: undefined, producedCharacters: 10 });
  });

  it('keeps reading the upstream to its end when the client leaves', async () => {
    const response = new FakeResponse();
    response.onWrite = () => response.destroy();
    const { outcome } = await relay(
      [text('one'), text(' two'), text(' three'), finish, usage, data('[DONE]')],
      undefined,
      response,
    );
    expect(response.written).toHaveLength(1);
    expect(outcome).toMatchObject({
      clientGone: true,
      broken: false,
      usage: { inputTokens: 12, outputTokens: 3 },
      producedCharacters: 'one two three'.length,
    });
  });
});
