import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { WebhooksPolicyModule } from '@app/webhooks';
import { LowBalanceWebhookProcessor } from './low-balance-webhook.processor';

/** Delivery of the customers' webhooks (low balance). */
@Module({ imports: [QueueModule, WebhooksPolicyModule], providers: [LowBalanceWebhookProcessor] })
export class WebhooksModule {}
