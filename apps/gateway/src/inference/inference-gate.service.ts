import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/errors';
import { costOf } from '@app/pricing';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { InferenceCall } from './inference-call';
import type { InferenceRequest } from './inference-request';
import { ModelCache } from './model.cache';
import { PriceCache } from './price.cache';
import { SpendGuardService } from './spend-guard.service';
import { UsageEventSink } from './usage-event.sink';

/**
 * Admits an inference request: resolves the model, the price in effect now, and holds
 * the request's maximum cost. Shared by the OpenAI and Anthropic surfaces, so a request
 * costs the same whichever way it came.
 */
@Injectable()
export class InferenceGateService {
  constructor(
    private readonly models: ModelCache,
    private readonly prices: PriceCache,
    private readonly guard: SpendGuardService,
    private readonly sink: UsageEventSink,
  ) {}

  async admit(
    key: AuthenticatedKey,
    requestId: string,
    request: InferenceRequest,
  ): Promise<InferenceCall> {
    if (!this.sink.acceptingRequests) {
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        'Metering is unavailable; retry shortly.',
        {
          retryAfterSeconds: 5,
        },
      );
    }
    const model = await this.models.findActive(request.modelId);
    if (!model) {
      throw new DomainError(
        ErrorCode.ModelNotFound,
        `The model '${request.modelId}' does not exist.`,
        {
          param: 'model',
        },
      );
    }
    const occurredAt = new Date();
    const price = await this.prices.inEffect(model.id, occurredAt);
    if (!price) {
      // Serving it would either give it away or charge an unknown amount.
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        `The model '${model.id}' has no price in effect yet.`,
      );
    }
    const maxCost = costOf(
      {
        inputTokens: request.estimatedInputTokens,
        outputTokens: request.maxOutputTokens ?? model.defaultMaxOutputTokens,
      },
      price.rates,
    );
    await this.guard.hold(key, requestId, maxCost);
    return new InferenceCall(requestId, key, model, price, request, occurredAt);
  }
}
