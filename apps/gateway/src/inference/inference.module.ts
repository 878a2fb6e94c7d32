import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { SpendControlModule } from '@app/spend-control';
import { AuthModule } from '../auth/auth.module';
import { CatalogueCacheSubscriber } from './catalogue-cache.subscriber';
import { InferenceFinishService } from './inference-finish.service';
import { InferenceGateService } from './inference-gate.service';
import { ModelCache } from './model.cache';
import { PriceCache } from './price.cache';
import { CircuitBreakerService } from './providers/circuit-breaker.service';
import { ProviderCache } from './providers/provider.cache';
import { UpstreamRouterService } from './providers/upstream-router.service';
import { SpendGuardService } from './spend-guard.service';
import { UpstreamExchangeService } from './upstream-exchange.service';
import { UpstreamClient } from './upstream.client';
import { UsageEventSink } from './usage-event.sink';

/**
 * The life of one inference call, shared by every client surface: admit (model, price,
 * hold), pick the upstream endpoint, exchange, relay, finish with one usage event.
 */
@Module({
  imports: [AuthModule, QueueModule, SpendControlModule],
  providers: [
    CatalogueCacheSubscriber,
    CircuitBreakerService,
    InferenceFinishService,
    InferenceGateService,
    ModelCache,
    PriceCache,
    ProviderCache,
    SpendGuardService,
    UpstreamClient,
    UpstreamExchangeService,
    UpstreamRouterService,
    UsageEventSink,
  ],
  exports: [InferenceGateService, UpstreamExchangeService, ModelCache],
})
export class InferenceModule {}
