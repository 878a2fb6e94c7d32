import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { SpendControlModule } from '@app/spend-control';
import { UsageChargeService } from './usage-charge.service';
import { UsageEventProcessor } from './usage-event.processor';

@Module({
  imports: [QueueModule, SpendControlModule],
  providers: [UsageChargeService, UsageEventProcessor],
  exports: [UsageChargeService],
})
export class MeteringModule {}
