import { Injectable } from '@nestjs/common';
import { ModelDirectory } from '../../proxy/model-directory';
import { PriceBook } from '../../proxy/price-book';

/**
 * Makes this gateway's inference path see an operator's write on its next request: the
 * model directory (retired models answer 404) and the price book (holds and `usage.cost`).
 *
 * Only this process's caches are cleared: other gateways see the change when their entries
 * expire, within 30 s. Until then they may admit a just-retired model, or compute holds and
 * `usage.cost` at the old price, while the worker charges the price in effect when the
 * request occurred. Scheduling a price at least 30 s ahead avoids that gap; a Redis pub/sub
 * fan-out, as for key revocation, is future work.
 */
@Injectable()
export class CatalogueInvalidation {
  constructor(
    private readonly models: ModelDirectory,
    private readonly prices: PriceBook,
  ) {}

  /** Call after the write has committed, never before: a read in between would re-cache the old row. */
  modelChanged(modelId: string): void {
    this.models.invalidate(modelId);
    this.prices.invalidate(modelId);
  }
}
