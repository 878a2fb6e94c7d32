import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { PrismaService, UsageOutboxRepository } from '@app/database';
import { MetricsService } from '@app/metrics';
import { UsageEventProducer } from '@app/queue';

const RELAY_INTERVAL_MS = 1000;
const RELAY_BATCH = 500;

/**
 * Moves usage events from the PostgreSQL outbox to the queue once Redis answers again.
 * An outbox row is deleted only in the transaction that saw its job added; if the add
 * fails, the rows stay. A job added twice dedupes on its id, and the usage record's
 * unique id covers the rest.
 */
@Injectable()
export class OutboxRelay implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly outbox: UsageOutboxRepository,
    private readonly producer: UsageEventProducer,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.relayOnce(), RELAY_INTERVAL_MS);
    this.metrics.onScrape(async () =>
      this.metrics.outboxSize.set({ place: 'postgres' }, await this.outbox.count()),
    );
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Moves one batch; returns how many events it moved. */
  async relayOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const rows = await this.outbox.claimOldest(RELAY_BATCH, tx);
        if (rows.length === 0) return 0;
        await this.producer.enqueueMany(rows.map((row) => row.event));
        await this.outbox.delete(
          rows.map((row) => row.event.eventId),
          tx,
        );
        this.logger.log(`moved ${rows.length} usage events from the outbox to the queue`);
        return rows.length;
      });
    } catch (error) {
      this.logger.warn(`outbox relay will retry: ${(error as Error).message}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
