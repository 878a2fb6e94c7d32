import { Logger } from '@nestjs/common';
import {
  OpenAiSseError,
  OpenAiSseParser,
  readOpenAiUsage,
  type OpenAiSseItem,
} from '@app/llm-formats';
import { isObject } from '../json';
import type {
  ChatRequestBody,
  UpstreamAnswer,
  UpstreamDialect,
  UpstreamRequest,
  UpstreamStreamItem,
} from './upstream-dialect';
import { upstreamErrorToDomain } from './upstream-error.mapper';

/** The OpenAI Chat Completions dialect, spoken by Mistral and most providers. */
export class OpenAiCompatibleDialect implements UpstreamDialect {
  private readonly logger = new Logger(OpenAiCompatibleDialect.name);

  authHeaders(apiKey: string | undefined): Record<string, string> {
    return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  }

  chatRequest(body: ChatRequestBody, stream: boolean, maxOutputTokens: number): UpstreamRequest {
    // `max_tokens` is the cap Mistral and the OpenAI-compatible providers honour; a
    // `max_completion_tokens` they may ignore never leaves, so the held cap is the one applied.
    const { max_completion_tokens: _ignored, ...rest } = body as Record<string, unknown>;
    const capped: Record<string, unknown> = { ...rest, max_tokens: maxOutputTokens };
    if (!stream) return { path: '/chat/completions', body: capped };
    const requested = capped.stream_options;
    const streamOptions = isObject(requested) ? requested : {};
    // Always ask for usage: it is what we bill. The client sees it only if it asked.
    return {
      path: '/chat/completions',
      body: { ...capped, stream_options: { ...streamOptions, include_usage: true } },
    };
  }

  embeddingsRequest(body: object): UpstreamRequest {
    return { path: '/embeddings', body };
  }

  readAnswer(json: unknown): Record<string, unknown> | undefined {
    return isObject(json) ? json : undefined;
  }

  readUsage(json: unknown) {
    return readOpenAiUsage(json);
  }

  toDomainError(answer: UpstreamAnswer, secrets: string[]) {
    return upstreamErrorToDomain(answer, secrets);
  }

  async *readStream(body: AsyncIterable<Uint8Array>): AsyncIterable<UpstreamStreamItem> {
    const decoder = new TextDecoder();
    const parser = new OpenAiSseParser();
    for await (const bytes of body) {
      yield* this.parse(parser, decoder.decode(bytes, { stream: true }));
    }
    yield* this.parse(parser, decoder.decode());
    yield* this.parse(parser, undefined);
  }

  /** Parses text (undefined: the end of the body); an event that is not a JSON object becomes `malformed`. */
  private *parse(parser: OpenAiSseParser, text: string | undefined): Iterable<UpstreamStreamItem> {
    let input = text;
    for (;;) {
      try {
        yield* (input === undefined ? parser.end() : parser.push(input)).map(toItem);
        return;
      } catch (error) {
        if (!(error instanceof OpenAiSseError)) throw error;
        this.logger.warn('an upstream stream event was not a JSON object');
        yield* error.precedingItems.map(toItem);
        yield { kind: 'malformed', data: error.data };
        // The parser resumes after the bad event on its next push; end() has nothing left.
        if (input === undefined) return;
        input = '';
      }
    }
  }
}

function toItem(item: OpenAiSseItem): UpstreamStreamItem {
  return item === 'done' ? { kind: 'done' } : { kind: 'chunk', chunk: item };
}
