import { Injectable } from '@nestjs/common';
import {
  chatInputTokenBound,
  estimateTokensOfJson,
  openAiToResponsesResponse,
  responsesToOpenAiRequest,
  type MeteredUsage,
  type OpenAiChatRequest,
  type OpenAiChatResponse,
  type ResponsesRequest,
  type ResponsesResponse,
  type ResponsesUsage,
} from '@app/llm-formats';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import type { InferenceCall } from '../inference/inference-call';
import { InferenceGateService } from '../inference/inference-gate.service';
import type { SurfaceResult } from '../inference/surface-result';
import { UpstreamExchangeService } from '../inference/upstream-exchange.service';
import { parseResponsesRequest } from './responses-request.parser';
import { ResponsesStreamDialect } from './responses-stream.dialect';

/** A response with KeepRouter's `usage.cost`, or a stream of events to relay. */
export type ResponsesResult = SurfaceResult<ResponsesResponse>;

/**
 * The OpenAI Responses surface: validate, admit (model, price, hold), translate to the
 * upstream's chat dialect, forward, translate back, meter, on the same core as the other
 * surfaces, so a request costs the same whichever surface it came through. The response id
 * is the request id, which is also the usage record's id (GET /v1/generations/:id).
 */
@Injectable()
export class ResponsesService {
  constructor(
    private readonly gate: InferenceGateService,
    private readonly exchange: UpstreamExchangeService,
  ) {}

  async create(body: unknown, key: AuthenticatedKey, requestId: string): Promise<ResponsesResult> {
    const request = parseResponsesRequest(body);
    // The hold is estimated on what will be sent: the translated messages and tools.
    const draft = responsesToOpenAiRequest(request, {
      upstreamModel: request.model,
      supportsReasoning: false,
    });
    const call = await this.gate.admit(key, requestId, {
      modelId: request.model,
      surface: 'responses',
      streamed: request.stream === true,
      estimatedInputTokens:
        estimateTokensOfJson(draft.messages) + estimateTokensOfJson(draft.tools ?? ''),
      inputTokenBound: chatInputTokenBound(draft),
      maxOutputTokens: request.max_output_tokens ?? undefined,
      providerPreference: (body as { provider?: unknown }).provider,
    });
    let upstreamBody: OpenAiChatRequest;
    try {
      upstreamBody = responsesToOpenAiRequest(request, {
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
    request: ResponsesRequest,
    upstreamBody: OpenAiChatRequest,
  ): Promise<ResponsesResult> {
    const { answer, usage } = await this.exchange.complete(call, upstreamBody);
    const response = openAiToResponsesResponse(
      answer as unknown as OpenAiChatResponse,
      request,
      this.identity(call),
    );
    const billed = billedUsage(usage, response.usage);
    return {
      kind: 'json',
      body: { ...response, usage: { ...billed, cost: call.costOf(usage) } },
      headers: call.headers,
    };
  }

  private async stream(
    call: InferenceCall,
    request: ResponsesRequest,
    upstreamBody: OpenAiChatRequest,
  ): Promise<ResponsesResult> {
    const upstream = await this.exchange.open(call, upstreamBody);
    const dialect = new ResponsesStreamDialect(request, {
      ...this.identity(call),
      estimatedInputTokens: call.request.estimatedInputTokens,
      costOf: (usage) => call.costOf(usage),
    });
    return { kind: 'stream', pipeTo: (response) => upstream.pipeTo(response, dialect) };
  }

  private identity(call: InferenceCall): { responseId: string; createdAt: number } {
    return { responseId: call.requestId, createdAt: Math.floor(call.occurredAt.getTime() / 1000) };
  }
}

/** The usage we bill, in the Responses API's terms (input tokens include cached ones). */
function billedUsage(usage: MeteredUsage, reported: ResponsesUsage | null): ResponsesUsage {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: {
      reasoning_tokens: Math.min(
        reported?.output_tokens_details.reasoning_tokens ?? 0,
        usage.outputTokens,
      ),
    },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}
