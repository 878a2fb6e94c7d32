import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { bullOptions } from './bull-options';
import { LowBalanceWebhookProducer } from './low-balance-webhook.producer';
import { QueueName } from './queue-names';
import { UsageEventProducer } from './usage-event.producer';

const bullRoot = BullModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => bullOptions(config),
});

const usageQueue = BullModule.registerQueue({ name: QueueName.usageEvents });
const webhookQueue = BullModule.registerQueue({ name: QueueName.webhooks });

/** BullMQ on the configured Redis, the usage-events queue and its typed producer. */
@Module({
  imports: [bullRoot, usageQueue, webhookQueue],
  providers: [UsageEventProducer, LowBalanceWebhookProducer],
  exports: [UsageEventProducer, LowBalanceWebhookProducer, usageQueue, webhookQueue],
})
export class QueueModule {}
