import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { UsageChargeService } from './usage-charge.service';
import { UsageEventProcessor } from './usage-event.processor';

@Module({
  imports: [QueueModule],
  providers: [UsageChargeService, UsageEventProcessor],
  exports: [UsageChargeService],
})
export class MeteringModule {}
