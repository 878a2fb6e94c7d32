import { Inject, Injectable } from '@nestjs/common';
import type { UsageEvent } from '@app/queue';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** The PostgreSQL outbox of usage events that could not be enqueued. */
@Injectable()
export class UsageOutboxRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  /** Stores a parsed event; a second copy of the same event is ignored. */
  async insert(event: UsageEvent, db: Db = this.prisma): Promise<void> {
    await db.usageOutboxEntry.createMany({
      data: [{ eventId: event.eventId, payload: { ...event } }],
      skipDuplicates: true,
    });
  }

  /**
   * The oldest entries, locked until the transaction ends; SKIP LOCKED lets several
   * relays share the work without waiting on each other. Only `insert` writes here, with
   * events the gateway parsed: they are not parsed again on the way to the queue (the
   * worker's processor parses each job it takes).
   */
  async claimOldest(limit: number, db: Db): Promise<Array<{ event: UsageEvent }>> {
    const rows = await db.$queryRaw<Array<{ payload: UsageEvent }>>`
      SELECT payload FROM usage_outbox ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    return rows.map((row) => ({ event: row.payload }));
  }

  async delete(eventIds: string[], db: Db): Promise<void> {
    await db.usageOutboxEntry.deleteMany({ where: { eventId: { in: eventIds } } });
  }

  count(db: Db = this.prisma): Promise<number> {
    return db.usageOutboxEntry.count();
  }
}
