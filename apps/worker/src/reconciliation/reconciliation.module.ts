import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueModule, QueueName } from '@app/queue';
import { RedisModule } from '@app/redis';
import { ReconciliationProcessor } from './reconciliation.processor';

@Module({
  imports: [QueueModule, RedisModule, BullModule.registerQueue({ name: QueueName.maintenance })],
  providers: [ReconciliationProcessor],
})
export class ReconciliationModule {}
