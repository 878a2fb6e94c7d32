import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CacheInvalidation } from '../auth/cache-invalidation.service';
import { ModelDirectory } from './model-directory';
import { PriceBook } from './price-book';

/** Drops a model and its prices from this gateway's caches when any gateway changes them. */
@Injectable()
export class CatalogueCacheSubscriber implements OnModuleInit {
  constructor(
    private readonly invalidation: CacheInvalidation,
    private readonly models: ModelDirectory,
    private readonly prices: PriceBook,
  ) {}

  onModuleInit(): void {
    this.invalidation.onChange((change) => {
      if (change.kind !== 'model') return;
      this.models.invalidate(change.id);
      this.prices.invalidate(change.id);
    });
  }
}
