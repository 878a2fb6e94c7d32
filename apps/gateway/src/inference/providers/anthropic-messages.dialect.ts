import { Logger } from '@nestjs/common';
import { OpenAiSseError, OpenAiSseParser, type OpenAiSseItem } from '@app/llm-formats';
import { isObject } from '../json';
import {
  chatToMessagesRequest,
  messageToChatCompletion,
  readAnthropicUsage,
} from './anthropic-upstream.translator';
import { nativeMessagesBody } from './anthropic-native.request';
import { AnthropicNativeStreamReader } from './anthropic-native-stream.reader';
import { AnthropicUpstreamStreamTranslator } from './anthropic-upstream-stream.translator';
import type {
  ChatRequestBody,
  NativeMessagesDialect,
  UpstreamAnswer,
  UpstreamDialect,
  UpstreamRequest,
  UpstreamStreamItem,
} from './upstream-dialect';
import { upstreamErrorToDomain } from './upstream-error.mapper';

/** The version of the Messages API this dialect speaks. */
const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic's Messages dialect: chat requests are translated to Messages, answers and
 * stream events back to the core's OpenAI form; usage is Anthropic's own, cache reads and
 * writes included.
 */
export class AnthropicMessagesDialect implements UpstreamDialect {
  private readonly logger = new Logger(AnthropicMessagesDialect.name);

  authHeaders(apiKey: string | undefined): Record<string, string> {
    return {
      'anthropic-version': ANTHROPIC_VERSION,
      ...(apiKey ? { 'x-api-key': apiKey } : {}),
    };
  }

  chatRequest(body: ChatRequestBody, stream: boolean, maxOutputTokens: number): UpstreamRequest {
    const request = chatToMessagesRequest(body as Record<string, unknown>, maxOutputTokens);
    if (stream) request.stream = true;
    else delete request.stream;
    return { path: '/messages', body: request };
  }

  readAnswer(json: unknown): Record<string, unknown> | undefined {
    return messageToChatCompletion(json);
  }

  readUsage(json: unknown) {
    return readAnthropicUsage(json);
  }

  toDomainError(answer: UpstreamAnswer, secrets: string[]) {
    return upstreamErrorToDomain(answer, secrets);
  }

  readonly nativeMessages: NativeMessagesDialect = {
    request: (body, stream, betas) => ({
      path: '/messages',
      body: nativeMessagesBody(body, String(body.model), stream),
      ...(betas ? { headers: { 'anthropic-beta': betas } } : {}),
    }),
    readStream: (body) => {
      const reader = new AnthropicNativeStreamReader();
      return this.readEvents(body, (event) => [reader.accept(event)]);
    },
  };

  readStream(body: AsyncIterable<Uint8Array>): AsyncIterable<UpstreamStreamItem> {
    const translator = new AnthropicUpstreamStreamTranslator();
    return this.readEvents(body, (event) => translator.accept(event));
  }

  /** Reads a stream's events (JSON objects), however its bytes were cut, into items. */
  private async *readEvents(
    body: AsyncIterable<Uint8Array>,
    toItems: (event: Record<string, unknown>) => UpstreamStreamItem[],
  ): AsyncIterable<UpstreamStreamItem> {
    const decoder = new TextDecoder();
    // Anthropic's events carry JSON objects in `data:` lines, as OpenAI's do; the event
    // name is repeated in the data's `type`, so the one SSE parser reads both.
    const parser = new OpenAiSseParser();
    const read = (text: string | undefined): UpstreamStreamItem[] => {
      let items: OpenAiSseItem[];
      try {
        items = text === undefined ? parser.end() : parser.push(text);
      } catch (error) {
        if (!(error instanceof OpenAiSseError)) throw error;
        this.logger.warn('an upstream stream event was not a JSON object');
        items = error.precedingItems;
      }
      return items.flatMap((item) =>
        item !== 'done' && isObject(item)
          ? toItems(item as unknown as Record<string, unknown>)
          : [],
      );
    };
    for await (const bytes of body) yield* read(decoder.decode(bytes, { stream: true }));
    yield* read(decoder.decode());
    yield* read(undefined);
  }
}
