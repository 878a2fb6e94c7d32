import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { bullOptions } from './bull-options';
import { LowBalanceWebhookProducer } from './low-balance-webhook.producer';
import { QueueInspector } from './queue.inspector';
import { QueueName } from './queue-names';
import { UsageEventProducer } from './usage-event.producer';

const bullRoot = BullModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => bullOptions(config),
});

/**
 * BullMQ on the configured Redis, its queues and their typed producers and inspector.
 * The queues themselves are not exported: feature code goes through these classes.
 */
@Module({
  imports: [
    bullRoot,
    BullModule.registerQueue({ name: QueueName.usageEvents }, { name: QueueName.webhooks }),
  ],
  providers: [UsageEventProducer, LowBalanceWebhookProducer, QueueInspector],
  exports: [UsageEventProducer, LowBalanceWebhookProducer, QueueInspector],
})
export class QueueModule {}
