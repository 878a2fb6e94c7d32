import { Injectable } from '@nestjs/common';
import type { ApiSurface, Model } from '@app/database';
import { DomainError, ErrorCode } from '@app/errors';
import { costOf, formatMoney } from '@app/pricing';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { ModelDirectory } from './model-directory';
import { PriceBook, type PriceInEffect } from './price-book';
import { SpendGuard } from './spend-guard.service';
import type { MeteredUsage } from './token-usage';
import { UsageEventSink } from './usage-event.sink';
import { UsageRecorder } from './usage-recorder';

/** What a surface knows of a request before it goes upstream. */
export interface InferenceRequest {
  modelId: string;
  surface: ApiSurface;
  streamed: boolean;
  estimatedInputTokens: number;
  /** The request's own output cap; the model's default cap when it sets none. */
  maxOutputTokens: number | undefined;
}

/**
 * A request admitted to the upstream: its model, its price, its hold. It ends exactly
 * once, by `meter` (a usage event; the worker settles the hold) or by `abandon` (no
 * tokens came back: the hold is released, nothing is charged).
 */
export class InferenceCall {
  private ended = false;

  constructor(
    readonly requestId: string,
    readonly key: AuthenticatedKey,
    readonly model: Model,
    readonly price: PriceInEffect,
    readonly request: InferenceRequest,
    readonly occurredAt: Date,
    private readonly recorder: UsageRecorder,
    private readonly guard: SpendGuard,
  ) {}

  /** The cost of a usage at this request's price, as the worker will charge it. */
  costOf(usage: MeteredUsage): string {
    return formatMoney(costOf(usage, this.price.rates));
  }

  /** An estimate for when the upstream reports no usage: marked as estimated. */
  estimate(outputCharacters: number): MeteredUsage {
    return {
      inputTokens: this.request.estimatedInputTokens,
      outputTokens: Math.ceil(outputCharacters / 4),
      cachedInputTokens: 0,
      estimated: true,
    };
  }

  async meter(usage: MeteredUsage): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.recorder.record({
      requestId: this.requestId,
      key: this.key,
      modelId: this.model.id,
      surface: this.request.surface,
      streamed: this.request.streamed,
      occurredAt: this.occurredAt,
      usage,
    });
  }

  async abandon(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.guard.release(this.key, this.requestId);
  }
}

/**
 * Admits an inference request: resolves the model, the price in effect now, and holds
 * the request's maximum cost. Shared by the OpenAI and Anthropic surfaces, so a request
 * costs the same whichever way it came.
 */
@Injectable()
export class InferenceGate {
  constructor(
    private readonly models: ModelDirectory,
    private readonly prices: PriceBook,
    private readonly guard: SpendGuard,
    private readonly recorder: UsageRecorder,
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
    return new InferenceCall(
      requestId,
      key,
      model,
      price,
      request,
      occurredAt,
      this.recorder,
      this.guard,
    );
  }
}
