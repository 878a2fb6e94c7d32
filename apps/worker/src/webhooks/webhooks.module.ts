import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { LowBalanceWebhookProcessor } from './low-balance-webhook.processor';

/** Delivery of the customers' webhooks (low balance). */
@Module({ imports: [QueueModule], providers: [LowBalanceWebhookProcessor] })
export class WebhooksModule {}
