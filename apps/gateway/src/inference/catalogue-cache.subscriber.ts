import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CacheInvalidationService } from '../auth/cache-invalidation.service';
import { ModelCache } from './model.cache';
import { PriceCache } from './price.cache';
import { ProviderCache } from './providers/provider.cache';

/**
 * The one subscriber of the inference caches: drops a model and its prices when any
 * gateway (this one included, at once) publishes that an operator changed them, and the
 * providers when one changed.
 */
@Injectable()
export class CatalogueCacheSubscriber implements OnModuleInit {
  constructor(
    private readonly invalidation: CacheInvalidationService,
    private readonly models: ModelCache,
    private readonly prices: PriceCache,
    private readonly providers: ProviderCache,
  ) {}

  onModuleInit(): void {
    this.invalidation.onChange((change) => {
      if (change.kind === 'provider') this.providers.invalidate();
      if (change.kind !== 'model') return;
      this.models.invalidate(change.id);
      this.prices.invalidate(change.id);
    });
  }
}
