import { Injectable } from '@nestjs/common';
import { chatInputTokenBound, estimateTokensOfJson } from '@app/llm-formats';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import type { InferenceCall } from '../inference/inference-call';
import { InferenceGateService } from '../inference/inference-gate.service';
import { isObject } from '../inference/json';
import type { SurfaceResult } from '../inference/surface-result';
import { UpstreamExchangeService } from '../inference/upstream-exchange.service';
import {
  parseChatCompletionRequest,
  type ChatCompletionRequest,
} from './chat-completion-request.parser';
import { ChatCompletionStreamDialect } from './chat-completion-stream.dialect';

/** The OpenAI Chat Completions surface: validate, admit (model, price, hold), forward, meter. */
@Injectable()
export class ChatCompletionsService {
  constructor(
    private readonly gate: InferenceGateService,
    private readonly exchange: UpstreamExchangeService,
  ) {}

  async complete(
    body: unknown,
    key: AuthenticatedKey,
    requestId: string,
  ): Promise<SurfaceResult<Record<string, unknown>>> {
    const request = parseChatCompletionRequest(body);
    // `provider` is our routing preference, not the upstream's: it never leaves the gateway.
    const { provider: _preference, ...forwarded } = request.body;
    const call = await this.gate.admit(key, requestId, {
      modelId: request.model,
      surface: 'openai',
      streamed: request.stream,
      estimatedInputTokens:
        estimateTokensOfJson(request.messages) + estimateTokensOfJson(request.body.tools ?? ''),
      inputTokenBound: chatInputTokenBound(forwarded),
      maxOutputTokens: request.maxOutputTokens,
      choices: request.choices,
      providerPreference: request.body.provider,
    });
    const upstreamBody = { ...forwarded, model: call.model.upstreamModel };
    return request.stream
      ? this.stream(call, request, upstreamBody)
      : this.completeWhole(call, upstreamBody);
  }

  private async completeWhole(
    call: InferenceCall,
    upstreamBody: Record<string, unknown>,
  ): Promise<SurfaceResult<Record<string, unknown>>> {
    const { answer, usage } = await this.exchange.complete(call, upstreamBody);
    const reported = isObject(answer.usage) ? answer.usage : {};
    return {
      kind: 'json',
      body: { ...answer, id: call.requestId, usage: { ...reported, cost: call.costOf(usage) } },
      headers: call.headers,
    };
  }

  private async stream(
    call: InferenceCall,
    request: ChatCompletionRequest,
    upstreamBody: Record<string, unknown>,
  ): Promise<SurfaceResult<Record<string, unknown>>> {
    const upstream = await this.exchange.open(call, upstreamBody);
    const dialect = new ChatCompletionStreamDialect({
      requestId: call.requestId,
      clientWantsUsage: request.clientWantsUsage,
      costOf: (usage) => call.costOf(usage),
    });
    return { kind: 'stream', pipeTo: (response) => upstream.pipeTo(response, dialect) };
  }
}
