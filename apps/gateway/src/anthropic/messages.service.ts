import { Injectable } from '@nestjs/common';
import {
  anthropicToOpenAiRequest,
  countJsonCharacters,
  countTokensEstimate,
  messagesInputTokenBound,
  openAiToAnthropicResponse,
  type AnthropicMessage,
  type AnthropicMessagesRequest,
  type AnthropicUsage,
  type MeteredUsage,
  type OpenAiChatRequest,
  type OpenAiChatResponse,
} from '@app/llm-formats';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import type { InferenceCall } from '../inference/inference-call';
import { InferenceGateService } from '../inference/inference-gate.service';
import type { SurfaceResult } from '../inference/surface-result';
import { isObject } from '../inference/json';
import { type ExchangePlan, UpstreamExchangeService } from '../inference/upstream-exchange.service';
import { parseMessagesRequest } from './messages-request.parser';
import { MessagesPassthroughDialect } from './messages-passthrough.dialect';
import { MessagesStreamDialect } from './messages-stream.dialect';

/** An Anthropic message ready to send whole, or a stream of events to relay. */
export type MessagesResult = SurfaceResult<AnthropicMessage>;

/**
 * The Anthropic Messages surface: validate, admit (model, price, hold), forward, meter. An
 * endpoint whose provider speaks Messages gets the request natively (the client's body with
 * its cache_control, thinking and tool blocks, answered and streamed back as it came, usage
 * with cache reads and writes); any other gets it translated to chat completions and back.
 * Metering goes through the same InferenceCall as every surface, at the upstream's counts.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly gate: InferenceGateService,
    private readonly exchange: UpstreamExchangeService,
  ) {}

  async create(
    body: unknown,
    key: AuthenticatedKey,
    requestId: string,
    betas?: string,
  ): Promise<MessagesResult> {
    const request = parseMessagesRequest(body);
    const call = await this.gate.admit(key, requestId, {
      modelId: request.model,
      surface: 'anthropic',
      streamed: request.stream === true,
      estimatedInputTokens: countTokensEstimate(request),
      // Sent as it is to a Messages upstream; translated, no larger, to a chat one.
      inputTokenBound: messagesInputTokenBound(body as object),
      maxOutputTokens: request.max_tokens,
      providerPreference: (body as { provider?: unknown }).provider,
    });
    let translated: OpenAiChatRequest | undefined;
    try {
      // Only endpoints that do not speak Messages need the translation.
      if (call.route.some((endpoint) => !endpoint.dialect.nativeMessages)) {
        // Sets `stream_options.include_usage` on streams: the upstream's usage is what we bill.
        translated = anthropicToOpenAiRequest(request, {
          upstreamModel: call.model.upstreamModel,
          supportsReasoning: call.model.capabilities.includes('reasoning'),
        });
      }
    } catch (error) {
      await this.exchange.abandon(call);
      throw error;
    }
    const plan = this.plan(call, request, body as Record<string, unknown>, translated, betas);
    return request.stream === true
      ? this.stream(call, request, plan)
      : {
          kind: 'json',
          body: (await this.exchange.completeWith(call, plan)).answer,
          headers: call.headers,
        };
  }

  private plan(
    call: InferenceCall,
    request: AnthropicMessagesRequest,
    body: Record<string, unknown>,
    translated: OpenAiChatRequest | undefined,
    betas: string | undefined,
  ): ExchangePlan<AnthropicMessage> {
    // The held cap (the request's max_tokens), in every dialect's own field.
    const maxOutputTokens = call.outputCap;
    return {
      request: (endpoint, stream) => {
        const native = endpoint.dialect.nativeMessages;
        if (native)
          return native.request(
            { ...body, model: endpoint.upstreamModel, max_tokens: maxOutputTokens },
            stream,
            betas,
          );
        return endpoint.dialect.chatRequest(
          { ...translated, model: endpoint.upstreamModel },
          stream,
          maxOutputTokens,
        );
      },
      read: (endpoint, json) => {
        if (endpoint.dialect.nativeMessages) {
          if (!isObject(json) || json.type !== 'message' || !Array.isArray(json.content)) {
            return undefined;
          }
          const usage =
            endpoint.dialect.readUsage(json) ?? call.estimate(countJsonCharacters(json.content));
          // Our request id rather than the provider's `msg_…` id (see below); the client's model.
          const answer = { ...json, id: call.requestId, model: request.model };
          return { answer: answer as unknown as AnthropicMessage, usage };
        }
        const completion = endpoint.dialect.readAnswer(json);
        if (!completion) return undefined;
        const usage =
          endpoint.dialect.readUsage(json) ??
          call.estimate(countJsonCharacters(completion.choices ?? ''));
        const message = openAiToAnthropicResponse(completion as unknown as OpenAiChatResponse, {
          requestModel: request.model,
          // Our request id rather than a `msg_…` id: it is also the usage record's id, so
          // GET /v1/generations/:id finds the cost of this message.
          messageId: call.requestId,
        });
        return { answer: { ...message, usage: toAnthropicUsage(usage) }, usage };
      },
      stream: (endpoint, stream) =>
        endpoint.dialect.nativeMessages
          ? endpoint.dialect.nativeMessages.readStream(stream)
          : endpoint.dialect.readStream(stream),
    };
  }

  private async stream(
    call: InferenceCall,
    request: AnthropicMessagesRequest,
    plan: ExchangePlan<AnthropicMessage>,
  ): Promise<MessagesResult> {
    const upstream = await this.exchange.openWith(call, plan);
    // As above: the request id, so that the generation can be looked up.
    const dialect = upstream.endpoint.dialect.nativeMessages
      ? new MessagesPassthroughDialect({ messageId: call.requestId, requestModel: request.model })
      : new MessagesStreamDialect({
          messageId: call.requestId,
          requestModel: request.model,
          estimatedInputTokens: call.request.estimatedInputTokens,
        });
    return { kind: 'stream', pipeTo: (response) => upstream.pipeTo(response, dialect) };
  }
}

/** The usage we bill, in Anthropic's terms: `input_tokens` excludes cache reads and writes. */
function toAnthropicUsage(usage: MeteredUsage): AnthropicUsage {
  const written = usage.cacheWriteInputTokens ?? 0;
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens - written,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: written,
    cache_read_input_tokens: usage.cachedInputTokens,
  };
}
