import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueModule, QueueName } from '@app/queue';
import { RedisModule } from '@app/redis';
import { MaintenanceProcessor } from './maintenance.processor';

@Module({
  imports: [QueueModule, RedisModule, BullModule.registerQueue({ name: QueueName.maintenance })],
  providers: [MaintenanceProcessor],
})
export class MaintenanceModule {}
