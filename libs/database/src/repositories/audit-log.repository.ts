import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

export interface AuditEntry {
  /** Who: the admin token's holder is 'admin'; later, an operator id. */
  actor: string;
  /** What, as verb.noun: 'account.create', 'price.create', 'key.revoke' … */
  action: string;
  targetType: string;
  targetId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

/** The admin audit log: every write of the admin API, in the transaction of the write. */
@Injectable()
export class AuditLogRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  async record(entry: AuditEntry, db: Db = this.prisma): Promise<void> {
    await db.auditLog.create({
      data: {
        actor: entry.actor,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        before: entry.before ?? undefined,
        after: entry.after ?? undefined,
      },
    });
  }

  listForTarget(targetType: string, targetId: string, db: Db = this.prisma) {
    return db.auditLog.findMany({ where: { targetType, targetId }, orderBy: { id: 'desc' } });
  }
}
