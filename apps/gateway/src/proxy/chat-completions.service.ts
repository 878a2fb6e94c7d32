import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { CatalogueRepository, type Model } from '@app/database';
import { DomainError, ErrorCode, invalidRequest } from '@app/errors';
import { Money } from '@app/pricing';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { parseChatCompletionRequest, type ChatCompletionRequest } from './chat-completion.request';
import { estimateTokens, readReportedUsage, type MeteredUsage } from './token-usage';
import { upstreamErrorToDomain } from './upstream-error';
import { UpstreamClient } from './upstream.client';
import { UsageRecorder } from './usage-recorder';

/** The OpenAI Chat Completions surface: validate, forward, meter, answer. */
@Injectable()
export class ChatCompletionsService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly upstream: UpstreamClient,
    private readonly usage: UsageRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async complete(
    body: unknown,
    key: AuthenticatedKey,
    requestId: string,
  ): Promise<Record<string, unknown>> {
    const request = parseChatCompletionRequest(body);
    if (request.stream) {
      throw invalidRequest(
        'Streaming is not available on this gateway yet; send stream: false.',
        'stream',
      );
    }
    const model = await this.resolveModel(request.model);
    assertCanSpend(key);

    const occurredAt = new Date();
    const response = await this.upstream.postJson(model.upstreamProvider, '/chat/completions', {
      ...request.body,
      model: model.upstreamModel,
    });
    if (response.status < 200 || response.status >= 300) {
      throw upstreamErrorToDomain(response, [this.config.upstreams.mistral.apiKey]);
    }
    const answer = response.json;
    if (!isObject(answer)) {
      throw new DomainError(
        ErrorCode.UpstreamError,
        'The upstream provider sent an unreadable answer.',
      );
    }
    await this.usage.record({
      requestId,
      key,
      modelId: model.id,
      surface: 'openai',
      streamed: false,
      occurredAt,
      usage: readReportedUsage(answer) ?? estimateUsage(request, answer),
    });
    return { ...answer, id: requestId };
  }

  private async resolveModel(id: string): Promise<Model> {
    const model = await this.catalogue.findActive(id);
    if (!model) {
      throw new DomainError(ErrorCode.ModelNotFound, `The model '${id}' does not exist.`, {
        param: 'model',
      });
    }
    return model;
  }
}

/** The spine's spend check: an account at or below zero cannot start a request. */
function assertCanSpend(key: AuthenticatedKey): void {
  if (new Money(key.balance).lte(0)) {
    throw new DomainError(
      ErrorCode.InsufficientBalance,
      'Your balance is exhausted; top up to continue.',
    );
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function estimateUsage(
  request: ChatCompletionRequest,
  answer: Record<string, unknown>,
): MeteredUsage {
  const choices = (Array.isArray(answer.choices) ? answer.choices : []) as Array<{
    message?: unknown;
  }>;
  return {
    inputTokens: estimateTokens(request.messages),
    outputTokens: choices.reduce((sum, choice) => sum + estimateTokens(choice.message ?? ''), 0),
    cachedInputTokens: 0,
    estimated: true,
  };
}
