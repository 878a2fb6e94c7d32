import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '@app/metrics';
import { QueueInspector } from '@app/queue';

/** Reads the metering queue's depth at each scrape, rather than on a timer. */
@Injectable()
export class QueueDepthMetric implements OnModuleInit {
  constructor(
    private readonly queue: QueueInspector,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      const counts = await this.queue.counts('waiting', 'active', 'delayed', 'failed');
      for (const [state, count] of Object.entries(counts))
        this.metrics.queueDepth.set({ state }, count);
    });
  }
}
