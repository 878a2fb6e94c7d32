import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import {
  OpenAiSseError,
  OpenAiSseParser,
  OpenAiToAnthropicStream,
  serializeAnthropicEvent,
  type AnthropicErrorEvent,
  type AnthropicStreamEvent,
  type OpenAiSseItem,
} from '@app/llm-formats';
import type { StreamOutcome } from '../proxy/chat-stream.relay';
import { ClientStreamWriter } from '../proxy/client-stream.writer';
import { readReportedUsage } from '../proxy/token-usage';
import type { UpstreamStream } from '../proxy/upstream.client';

/** What the translated stream needs to know of the request. */
export interface AnthropicRelayOptions {
  /** The Anthropic message id: our request id (see MessagesService). */
  messageId: string;
  /** The model the client asked for, echoed in `message_start`. */
  requestModel: string;
  /** Input tokens announced by `message_start`, before the upstream reports its count. */
  estimatedInputTokens: number;
}

// The upstream's own failure text is not passed on: it can name hosts or hold keys.
const BROKEN_STREAM: AnthropicErrorEvent = {
  type: 'error',
  error: { type: 'api_error', message: 'The upstream stream ended abnormally.' },
};

/**
 * Relays an upstream OpenAI chat completion stream to an Anthropic Messages client, each
 * upstream chunk translated into Anthropic events and written as soon as it arrives. Like
 * the OpenAI relay, it reads the upstream to its end even when the client has gone, so
 * that the usage the provider bills us for is the usage we bill; a broken upstream ends
 * the client's stream with an Anthropic `error` event.
 */
export async function relayAnthropicStream(
  upstream: UpstreamStream,
  response: Response,
  options: AnthropicRelayOptions,
): Promise<StreamOutcome> {
  return new AnthropicStreamRelay(response, options).run(upstream);
}

class AnthropicStreamRelay {
  private readonly logger = new Logger(AnthropicStreamRelay.name);
  private readonly translator: OpenAiToAnthropicStream;
  private readonly parser = new OpenAiSseParser();
  private readonly decoder = new TextDecoder();
  private readonly outcome: StreamOutcome = {
    usage: undefined,
    producedCharacters: 0,
    broken: false,
    clientGone: false,
  };
  private sawDone = false;
  /** The client got its last event (an error): nothing more is written, reading goes on. */
  private closedForClient = false;
  private readonly client: ClientStreamWriter;

  constructor(
    private readonly response: Response,
    private readonly options: AnthropicRelayOptions,
  ) {
    this.translator = new OpenAiToAnthropicStream(options);
    this.client = new ClientStreamWriter(response);
  }

  async run(upstream: UpstreamStream): Promise<StreamOutcome> {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.response.flushHeaders();

    try {
      for await (const bytes of upstream.body) {
        await this.accept(this.parse(this.decoder.decode(bytes, { stream: true })));
      }
      await this.accept(this.parse(this.decoder.decode(), true));
    } catch {
      this.outcome.broken = true;
    }
    if (!this.sawDone && this.outcome.usage === undefined) this.outcome.broken = true;
    if (this.outcome.broken && !this.translator.isFinished) {
      this.logger.warn(`request ${this.options.messageId}: upstream stream broke`);
      await this.fail();
    } else {
      await this.send(this.translator.finish());
    }
    if (!this.response.writableEnded) this.client.end();
    this.outcome.clientGone = this.client.clientGone;
    return this.outcome;
  }

  /** Parses upstream text, skipping (and logging) events that are not JSON objects. */
  private parse(text: string, atEnd = false): OpenAiSseItem[] {
    const items: OpenAiSseItem[] = [];
    let input = text;
    for (;;) {
      try {
        items.push(...(atEnd ? this.parser.end() : this.parser.push(input)));
        return items;
      } catch (error) {
        if (!(error instanceof OpenAiSseError)) throw error;
        this.logger.warn(`request ${this.options.messageId}: skipped a malformed upstream event`);
        items.push(...error.precedingItems);
        // The parser resumes after the bad event on its next call; end() has nothing left.
        if (atEnd) return items;
        input = '';
      }
    }
  }

  private async accept(items: OpenAiSseItem[]): Promise<void> {
    for (const item of items) {
      if (item === 'done') {
        this.sawDone = true;
        continue;
      }
      const usage = readReportedUsage(item);
      if (usage) this.outcome.usage = usage;
      if (item.error !== undefined && item.error !== null && !Array.isArray(item.choices)) {
        // A failure reported in-band: tell the client now, keep reading for the usage.
        this.outcome.broken = true;
        await this.fail();
        continue;
      }
      await this.send(this.translator.push(item));
    }
  }

  private async send(events: AnthropicStreamEvent[]): Promise<void> {
    for (const event of events) this.outcome.producedCharacters += producedCharacters(event);
    if (events.length === 0 || this.closedForClient) return;
    await this.write(events.map(serializeAnthropicEvent).join(''));
  }

  private async fail(): Promise<void> {
    // After message_stop the client has its whole answer: an error event would break the protocol.
    if (this.closedForClient || this.translator.isFinished) return;
    await this.write(serializeAnthropicEvent(BROKEN_STREAM));
    this.closedForClient = true;
    this.client.end();
  }

  private write(text: string): Promise<void> {
    return this.client.write(text);
  }
}

/** Characters of text, thinking, tool names and tool arguments: the basis of an estimate. */
function producedCharacters(event: AnthropicStreamEvent): number {
  if (event.type === 'content_block_start' && event.content_block.type === 'tool_use') {
    return event.content_block.name.length;
  }
  if (event.type !== 'content_block_delta') return 0;
  const { delta } = event;
  switch (delta.type) {
    case 'text_delta':
      return delta.text.length;
    case 'thinking_delta':
      return delta.thinking.length;
    case 'input_json_delta':
      return delta.partial_json.length;
    case 'signature_delta':
      return 0;
  }
}
