import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { SpendControlModule } from '@app/spend-control';
import { OutboxRelay } from './outbox.relay';
import { PriceTableService } from './price-table.service';
import { QueueDepthMetric } from './queue-depth.metric';
import { UsageBatcherService } from './usage-batcher.service';
import { UsageChargeService } from './usage-charge.service';
import { UsageEventProcessor } from './usage-event.processor';

@Module({
  imports: [QueueModule, SpendControlModule],
  providers: [
    PriceTableService,
    UsageChargeService,
    UsageBatcherService,
    UsageEventProcessor,
    QueueDepthMetric,
    OutboxRelay,
  ],
  exports: [UsageChargeService],
})
export class MeteringModule {}
