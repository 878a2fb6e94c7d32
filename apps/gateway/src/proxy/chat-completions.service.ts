import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { parseChatCompletionRequest, type ChatCompletionRequest } from './chat-completion.request';
import { relayChatStream } from './chat-stream.relay';
import { InferenceGate, type InferenceCall } from './inference-gate.service';
import { isObject } from './json';
import { estimateTokens } from './token-usage';
import { UpstreamExchange } from './upstream-exchange.service';

/** An answer ready to send whole, or a stream to relay. */
export type CompletionResult =
  | { kind: 'json'; body: Record<string, unknown> }
  | { kind: 'stream'; pipeTo(response: Response): Promise<void> };

/** The OpenAI Chat Completions surface: validate, admit (model, price, hold), forward, meter. */
@Injectable()
export class ChatCompletionsService {
  constructor(
    private readonly gate: InferenceGate,
    private readonly exchange: UpstreamExchange,
  ) {}

  async complete(
    body: unknown,
    key: AuthenticatedKey,
    requestId: string,
  ): Promise<CompletionResult> {
    const request = parseChatCompletionRequest(body);
    const call = await this.gate.admit(key, requestId, {
      modelId: request.model,
      surface: 'openai',
      streamed: request.stream,
      estimatedInputTokens:
        estimateTokens(request.messages) + estimateTokens(request.body.tools ?? ''),
      maxOutputTokens: request.maxOutputTokens,
    });
    const upstreamBody = { ...request.body, model: call.model.upstreamModel };
    return request.stream
      ? this.stream(call, request, upstreamBody)
      : this.completeWhole(call, upstreamBody);
  }

  private async completeWhole(
    call: InferenceCall,
    upstreamBody: object,
  ): Promise<CompletionResult> {
    const { answer, usage } = await this.exchange.complete(call, upstreamBody);
    const reported = isObject(answer.usage) ? answer.usage : {};
    return {
      kind: 'json',
      body: { ...answer, id: call.requestId, usage: { ...reported, cost: call.costOf(usage) } },
    };
  }

  private async stream(
    call: InferenceCall,
    request: ChatCompletionRequest,
    upstreamBody: Record<string, unknown>,
  ): Promise<CompletionResult> {
    // Always ask for usage: it is what we bill. The client sees it only if it asked.
    const streamOptions = isObject(request.body.stream_options) ? request.body.stream_options : {};
    const upstream = await this.exchange.open(call, {
      ...upstreamBody,
      stream_options: { ...streamOptions, include_usage: true },
    });
    return {
      kind: 'stream',
      pipeTo: async (response) => {
        const outcome = await relayChatStream(upstream, response, {
          requestId: call.requestId,
          clientWantsUsage: request.clientWantsUsage,
          costOf: (usage) => call.costOf(usage),
        });
        await this.exchange.finishStream(call, outcome);
      },
    };
  }
}
