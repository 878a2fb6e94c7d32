import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { SpendControlModule } from '@app/spend-control';
import { AuthModule } from '../auth/auth.module';
import { CatalogueCacheSubscriber } from './catalogue-cache.subscriber';
import { ChatCompletionsController } from './chat-completions.controller';
import { ChatCompletionsService } from './chat-completions.service';
import { InferenceGate } from './inference-gate.service';
import { ModelDirectory } from './model-directory';
import { PriceBook } from './price-book';
import { SpendGuard } from './spend-guard.service';
import { UpstreamExchange } from './upstream-exchange.service';
import { UpstreamClient } from './upstream.client';
import { UsageEventSink } from './usage-event.sink';
import { UsageRecorder } from './usage-recorder';

@Module({
  imports: [AuthModule, QueueModule, SpendControlModule],
  controllers: [ChatCompletionsController],
  providers: [
    ChatCompletionsService,
    ModelDirectory,
    CatalogueCacheSubscriber,
    InferenceGate,
    PriceBook,
    SpendGuard,
    UpstreamClient,
    UpstreamExchange,
    UsageRecorder,
    UsageEventSink,
  ],
  exports: [InferenceGate, UpstreamClient, UpstreamExchange, PriceBook, ModelDirectory],
})
export class ProxyModule {}
