import { Injectable } from '@nestjs/common';
import {
  anthropicToOpenAiRequest,
  countTokensEstimate,
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
import { UpstreamExchangeService } from '../inference/upstream-exchange.service';
import { parseMessagesRequest } from './messages-request.parser';
import { MessagesStreamDialect } from './messages-stream.dialect';

/** An Anthropic message ready to send whole, or a stream of events to relay. */
export type MessagesResult = SurfaceResult<AnthropicMessage>;

/**
 * The Anthropic Messages surface: validate, admit (model, price, hold), translate to the
 * upstream's OpenAI dialect, forward, translate back, meter. Metering always uses the
 * upstream's own OpenAI usage through the same InferenceCall as the OpenAI surface, so a
 * request costs the same whichever surface it came through.
 */
@Injectable()
export class MessagesService {
  constructor(
    private readonly gate: InferenceGateService,
    private readonly exchange: UpstreamExchangeService,
  ) {}

  async create(body: unknown, key: AuthenticatedKey, requestId: string): Promise<MessagesResult> {
    const request = parseMessagesRequest(body);
    const call = await this.gate.admit(key, requestId, {
      modelId: request.model,
      surface: 'anthropic',
      streamed: request.stream === true,
      estimatedInputTokens: countTokensEstimate(request),
      maxOutputTokens: request.max_tokens,
      providerPreference: (body as { provider?: unknown }).provider,
    });
    let upstreamBody: OpenAiChatRequest;
    try {
      // Sets `stream_options.include_usage` on streams: the upstream's usage is what we bill.
      upstreamBody = anthropicToOpenAiRequest(request, {
        upstreamModel: call.model.upstreamModel,
        supportsReasoning: call.model.capabilities.includes('reasoning'),
      });
    } catch (error) {
      await this.exchange.abandon(call);
      throw error;
    }
    return request.stream === true
      ? this.stream(call, request, upstreamBody)
      : this.completeWhole(call, request, upstreamBody);
  }

  private async completeWhole(
    call: InferenceCall,
    request: AnthropicMessagesRequest,
    upstreamBody: OpenAiChatRequest,
  ): Promise<MessagesResult> {
    const { answer, usage } = await this.exchange.complete(call, upstreamBody);
    const message = openAiToAnthropicResponse(answer as unknown as OpenAiChatResponse, {
      requestModel: request.model,
      // Our request id rather than a `msg_…` id: it is also the usage record's id, so
      // GET /v1/generations/:id finds the cost of this message.
      messageId: call.requestId,
    });
    return { kind: 'json', body: { ...message, usage: toAnthropicUsage(usage) } };
  }

  private async stream(
    call: InferenceCall,
    request: AnthropicMessagesRequest,
    upstreamBody: OpenAiChatRequest,
  ): Promise<MessagesResult> {
    const upstream = await this.exchange.open(call, upstreamBody);
    const dialect = new MessagesStreamDialect({
      // As above: the request id, so that the generation can be looked up.
      messageId: call.requestId,
      requestModel: request.model,
      estimatedInputTokens: call.request.estimatedInputTokens,
    });
    return { kind: 'stream', pipeTo: (response) => upstream.pipeTo(response, dialect) };
  }
}

/** The usage we bill, in Anthropic's terms: `input_tokens` excludes cache reads. */
function toAnthropicUsage(usage: MeteredUsage): AnthropicUsage {
  return {
    input_tokens: usage.inputTokens - usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: usage.cachedInputTokens,
  };
}
