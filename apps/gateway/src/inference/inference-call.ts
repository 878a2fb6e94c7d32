import type { Model } from '@app/database';
import { estimateUsage, type MeteredUsage } from '@app/llm-formats';
import { costOf, formatMoney } from '@app/pricing';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import type { InferenceRequest } from './inference-request';
import type { PriceInEffect } from './price.cache';

/**
 * A request admitted to the upstream: who asked, for what model, at what price, with a
 * hold placed. Data only: it ends exactly once through InferenceFinishService, by a usage
 * event (the worker settles the hold) or by giving the hold back.
 */
export class InferenceCall {
  /** Set when the call has ended: a second ending is ignored. */
  ended = false;

  constructor(
    readonly requestId: string,
    readonly key: AuthenticatedKey,
    readonly model: Model,
    readonly price: PriceInEffect,
    readonly request: InferenceRequest,
    readonly occurredAt: Date,
  ) {}

  /** The cost of a usage at this request's price, as the worker will charge it. */
  costOf(usage: MeteredUsage): string {
    return formatMoney(costOf(usage, this.price.rates));
  }

  /** The usage to bill when the upstream reported none: marked as estimated. */
  estimate(outputCharacters: number): MeteredUsage {
    return estimateUsage(this.request.estimatedInputTokens, outputCharacters);
  }
}
