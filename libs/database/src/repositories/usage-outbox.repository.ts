import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** The PostgreSQL outbox of usage events that could not be enqueued. */
@Injectable()
export class UsageOutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(
    eventId: string,
    payload: Prisma.InputJsonValue,
    db: Db = this.prisma,
  ): Promise<void> {
    await db.usageOutboxEntry.createMany({ data: [{ eventId, payload }], skipDuplicates: true });
  }

  /**
   * The oldest entries, locked until the transaction ends; SKIP LOCKED lets several
   * relays share the work without waiting on each other.
   */
  claimOldest(limit: number, db: Db): Promise<Array<{ event_id: string; payload: unknown }>> {
    return db.$queryRaw`
      SELECT event_id, payload FROM usage_outbox ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
  }

  async delete(eventIds: string[], db: Db): Promise<void> {
    await db.usageOutboxEntry.deleteMany({ where: { eventId: { in: eventIds } } });
  }

  count(db: Db = this.prisma): Promise<number> {
    return db.usageOutboxEntry.count();
  }
}
