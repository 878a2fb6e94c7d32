import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { bullOptions } from './bull-options';
import { QueueName } from './queue-names';
import { UsageEventProducer } from './usage-event.producer';

const bullRoot = BullModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => bullOptions(config),
});

const usageQueue = BullModule.registerQueue({ name: QueueName.usageEvents });

/** BullMQ on the configured Redis, the usage-events queue and its typed producer. */
@Module({
  imports: [bullRoot, usageQueue],
  providers: [UsageEventProducer],
  exports: [UsageEventProducer, usageQueue],
})
export class QueueModule {}
