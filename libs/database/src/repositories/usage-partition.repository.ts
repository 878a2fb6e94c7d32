import { Injectable } from '@nestjs/common';
import type { Db } from '../prisma-client.factory';
import { PrismaService } from '../prisma.service';

/** One monthly partition of usage_records: [from, to) in UTC. */
export interface UsagePartition {
  name: string;
  from: Date;
  to: Date;
}

export const DEFAULT_PARTITION = 'usage_records_default';

/** The first instant of the UTC month `offset` months from the one holding `at`. */
export function monthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

/**
 * The monthly partitions of usage_records (PostgreSQL declarative partitioning): created
 * ahead by the worker's maintenance job, dropped whole by retention (detach, then drop:
 * no DELETE, no bloat, no vacuum debt).
 */
@Injectable()
export class UsagePartitionRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Creates the partitions of the months from `from` for `months` months; returns the new ones. */
  async createMonths(from: Date, months: number, db: Db = this.prisma): Promise<string[]> {
    const created: string[] = [];
    for (let i = 0; i < months; i++) {
      const month = monthStart(from, i).toISOString().slice(0, 10);
      const [row] = await db.$queryRaw<Array<{ created: boolean }>>`
        SELECT usage_records_create_partition(${month}::date) AS created`;
      if (row.created) created.push(`usage_records_p${month.slice(0, 4)}${month.slice(5, 7)}`);
    }
    return created;
  }

  /** Gives the months of rows that landed in the default partition their own partitions. */
  async adoptDefaultRows(db: Db = this.prisma): Promise<string[]> {
    const months = await db.$queryRawUnsafe<Array<{ month: Date }>>(
      `SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month
         FROM ${DEFAULT_PARTITION}`,
    );
    const created: string[] = [];
    for (const { month } of months) created.push(...(await this.createMonths(month, 1, db)));
    return created;
  }

  /** The monthly partitions, oldest first (the default partition is not one). */
  async list(db: Db = this.prisma): Promise<UsagePartition[]> {
    // The bounds as text are in the session's time zone; PostgreSQL parses them back.
    const rows = await db.$queryRaw<UsagePartition[]>`
      SELECT name, (regexp_match(bound, 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS "from",
             (regexp_match(bound, 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS "to"
        FROM (SELECT c.relname::text AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
                FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
               WHERE i.inhparent = 'usage_records'::regclass
                 AND c.relname <> ${DEFAULT_PARTITION}) p
       ORDER BY 2`;
    return rows;
  }

  /** Rows in the default partition: none once maintenance ran, unless something is off. */
  async defaultRowCount(db: Db = this.prisma): Promise<number> {
    const [row] = await db.$queryRawUnsafe<Array<{ n: bigint }>>(
      `SELECT count(*)::bigint AS n FROM ${DEFAULT_PARTITION}`,
    );
    return Number(row.n);
  }

  /**
   * Retention: detaches and drops every partition wholly before `cutoff` (a month start),
   * and deletes the default partition's rows before it. Returns the dropped partitions.
   */
  async dropBefore(cutoff: Date): Promise<string[]> {
    const old = (await this.list()).filter((p) => p.to.getTime() <= cutoff.getTime());
    for (const partition of old) {
      await this.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(
          `ALTER TABLE usage_records DETACH PARTITION "${partition.name}"`,
        );
        await tx.$executeRawUnsafe(`DROP TABLE "${partition.name}"`);
      });
    }
    await this.prisma.$executeRawUnsafe(
      `DELETE FROM ${DEFAULT_PARTITION} WHERE occurred_at < $1`,
      cutoff,
    );
    return old.map((partition) => partition.name);
  }
}
