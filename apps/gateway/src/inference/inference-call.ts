import type { ModelWithEndpoints } from '@app/database';
import { estimateUsage, type MeteredUsage } from '@app/llm-formats';
import { costOf, formatMoney } from '@app/pricing';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import type { InferenceRequest } from './inference-request';
import type { PriceInEffect } from './price.cache';
import type { UpstreamEndpoint } from './providers/upstream-router.service';

/**
 * A request admitted to the upstream: who asked, for what model, the endpoints it may use
 * (in order, each at its provider's price in effect at admission), with a hold placed at
 * the highest of them. Data only: it ends exactly once through InferenceFinishService, by
 * a usage event at the serving endpoint's price, or by giving the hold back.
 */
export class InferenceCall {
  /** Set when the call has ended: a second ending is ignored. */
  ended = false;
  private serving: UpstreamEndpoint;

  constructor(
    readonly requestId: string,
    readonly key: AuthenticatedKey,
    readonly model: ModelWithEndpoints,
    readonly route: readonly UpstreamEndpoint[],
    readonly request: InferenceRequest,
    readonly occurredAt: Date,
    /** The output cap per choice: held, and sent to the upstream in its own field. */
    readonly outputCap: number,
  ) {
    this.serving = route[0];
  }

  /** The endpoint that serves (or, before an answer, would serve) the call. */
  get endpoint(): UpstreamEndpoint {
    return this.serving;
  }

  /** The price the call is charged at: its serving endpoint's, in effect at admission. */
  get price(): PriceInEffect {
    return this.serving.price;
  }

  /** The endpoint that answered: the call is billed at its price. */
  servedBy(endpoint: UpstreamEndpoint): void {
    this.serving = endpoint;
  }

  /** The cost of a usage at this request's price, as the worker will charge it. */
  costOf(usage: MeteredUsage): string {
    return formatMoney(costOf(usage, this.price.rates));
  }

  /** Headers every answer of the call carries: the output cap applied. */
  get headers(): Record<string, string> {
    return { 'x-max-output-tokens': String(this.outputCap) };
  }

  /** The usage to bill when the upstream reported none: marked as estimated. */
  estimate(outputCharacters: number): MeteredUsage {
    return estimateUsage(this.request.estimatedInputTokens, outputCharacters);
  }
}
