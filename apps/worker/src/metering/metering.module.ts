import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { SpendControlModule } from '@app/spend-control';
import { OutboxRelay } from './outbox.relay';
import { PriceTable } from './price-table';
import { QueueDepthMetric } from './queue-depth.metric';
import { UsageBatcher } from './usage-batcher';
import { UsageChargeService } from './usage-charge.service';
import { UsageEventProcessor } from './usage-event.processor';

@Module({
  imports: [QueueModule, SpendControlModule],
  providers: [
    PriceTable,
    UsageChargeService,
    UsageBatcher,
    UsageEventProcessor,
    QueueDepthMetric,
    OutboxRelay,
  ],
  exports: [UsageChargeService],
})
export class MeteringModule {}
