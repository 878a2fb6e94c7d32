import { Module } from '@nestjs/common';
import { MaintenanceQueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { MaintenanceProcessor } from './maintenance.processor';

@Module({
  imports: [MaintenanceQueueModule, RedisModule],
  providers: [MaintenanceProcessor],
})
export class MaintenanceModule {}
