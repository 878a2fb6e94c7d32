import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MaintenanceScheduler } from './maintenance.scheduler';
import { QueueModule } from './queue.module';
import { QueueName } from './queue-names';

/** The maintenance queue and its schedule: the worker's alone, so a gateway opens no connection to it. */
@Module({
  imports: [QueueModule, BullModule.registerQueue({ name: QueueName.maintenance })],
  providers: [MaintenanceScheduler],
  exports: [MaintenanceScheduler],
})
export class MaintenanceQueueModule {}
