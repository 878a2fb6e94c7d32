import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@app/errors';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { parseChatCompletionRequest, type ChatCompletionRequest } from './chat-completion.request';
import { relayChatStream } from './chat-stream.relay';
import { InferenceGate, type InferenceCall } from './inference-gate.service';
import { estimateTokens, readReportedUsage } from './token-usage';
import { upstreamErrorToDomain } from './upstream-error';
import { UpstreamClient, type UpstreamResponse } from './upstream.client';

/** An answer ready to send whole, or a stream to relay. */
export type CompletionResult =
  | { kind: 'json'; body: Record<string, unknown> }
  | { kind: 'stream'; pipeTo(response: Response): Promise<void> };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The OpenAI Chat Completions surface: validate, admit (model, price, hold), forward, meter. */
@Injectable()
export class ChatCompletionsService {
  constructor(
    private readonly gate: InferenceGate,
    private readonly upstream: UpstreamClient,
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
    let response: UpstreamResponse;
    try {
      response = await this.upstream.postJson(
        call.model.upstreamProvider,
        '/chat/completions',
        upstreamBody,
      );
    } catch (error) {
      await call.abandon();
      throw error;
    }
    if (response.status < 200 || response.status >= 300) {
      throw await this.failed(call, response);
    }
    const answer = response.json;
    if (!isObject(answer)) {
      await call.abandon();
      throw new DomainError(
        ErrorCode.UpstreamError,
        'The upstream provider sent an unreadable answer.',
      );
    }
    const usage =
      readReportedUsage(answer) ?? call.estimate(estimateTokens(answer.choices ?? '') * 4);
    await call.meter(usage);
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
    let upstream;
    try {
      upstream = await this.upstream.open(call.model.upstreamProvider, '/chat/completions', {
        ...upstreamBody,
        stream_options: { ...streamOptions, include_usage: true },
      });
    } catch (error) {
      await call.abandon();
      throw error;
    }
    if (upstream.status !== 200) {
      const text = await upstream.body.text().catch(() => '');
      throw await this.failed(call, {
        status: upstream.status,
        headers: upstream.headers,
        json: safeParse(text),
      });
    }
    return {
      kind: 'stream',
      pipeTo: async (response) => {
        const outcome = await relayChatStream(upstream, response, {
          requestId: call.requestId,
          clientWantsUsage: request.clientWantsUsage,
          costOf: (usage) => call.costOf(usage),
        });
        const usage =
          outcome.usage ??
          (outcome.producedCharacters > 0 ? call.estimate(outcome.producedCharacters) : undefined);
        if (usage) await call.meter(usage);
        else await call.abandon();
      },
    };
  }

  /** An upstream error: billed only if the upstream says it produced tokens. */
  private async failed(call: InferenceCall, response: UpstreamResponse): Promise<DomainError> {
    const usage = readReportedUsage(response.json);
    if (usage && usage.inputTokens + usage.outputTokens > 0) await call.meter(usage);
    else await call.abandon();
    return upstreamErrorToDomain(response, this.upstream.secrets);
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
