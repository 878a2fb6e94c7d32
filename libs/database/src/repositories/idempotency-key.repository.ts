import { Inject, Injectable } from '@nestjs/common';
import type { IdempotencyKey, Prisma } from '../generated/prisma/client';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** Stored answers of admin writes made with an Idempotency-Key. */
@Injectable()
export class IdempotencyKeyRepository {
  // Typed on Db, so that scripts and tests can hand in a plain PrismaClient (or a transaction).
  constructor(@Inject(PrismaService) private readonly prisma: Db) {}

  find(route: string, key: string, db: Db = this.prisma): Promise<IdempotencyKey | null> {
    return db.idempotencyKey.findUnique({ where: { route_key: { route, key } } });
  }

  /** Records the answer; a concurrent twin makes this fail with P2002 and its transaction roll back. */
  async insert(
    data: {
      route: string;
      key: string;
      requestHash: string;
      responseStatus: number;
      responseBody: Prisma.InputJsonValue;
    },
    db: Db,
  ): Promise<void> {
    await db.idempotencyKey.create({ data });
  }
}
