import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MetricsService } from '@app/metrics';
import { QueueName } from '@app/queue';

/** Reads the metering queue's depth at each scrape, rather than on a timer. */
@Injectable()
export class QueueDepthMetric implements OnModuleInit {
  constructor(
    @InjectQueue(QueueName.usageEvents) private readonly queue: Queue,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      for (const [state, count] of Object.entries(counts))
        this.metrics.queueDepth.set({ state }, count);
    });
  }
}
