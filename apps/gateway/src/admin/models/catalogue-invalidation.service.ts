import { Injectable } from '@nestjs/common';
import { CacheInvalidation } from '../../auth/cache-invalidation.service';
import { ModelDirectory } from '../../proxy/model-directory';
import { PriceBook } from '../../proxy/price-book';

/**
 * Makes every gateway's inference path see an operator's write on its next request: the
 * model directory (retired models answer 404) and the price book (holds and `usage.cost`).
 * This gateway clears its caches at once; the others on the pub/sub message (see
 * CatalogueCacheSubscriber), and at worst when their 30 s entries expire.
 */
@Injectable()
export class CatalogueInvalidation {
  constructor(
    private readonly models: ModelDirectory,
    private readonly prices: PriceBook,
    private readonly invalidation: CacheInvalidation,
  ) {}

  /** Call after the write has committed, never before: a read in between would re-cache the old row. */
  async modelChanged(modelId: string): Promise<void> {
    this.models.invalidate(modelId);
    this.prices.invalidate(modelId);
    await this.invalidation.publish({ kind: 'model', id: modelId });
  }
}
