import { monthStart, type UsagePartitionRepository } from '@app/database';

/** Months of partitions kept ready ahead: this one and the next two. */
export const MONTHS_AHEAD = 3;

export interface PartitionMaintenanceReport {
  created: string[];
  dropped: string[];
}

/**
 * The usage partitions' upkeep: the coming months' partitions exist before their first
 * record, rows that landed in the default partition get their month's partition, and,
 * when USAGE_RETENTION_MONTHS is set, whole months older than it are detached and
 * dropped. Plain (no Nest): the worker's schedule and the tests share it.
 */
export class UsagePartitionsMaintainer {
  constructor(
    private readonly partitions: UsagePartitionRepository,
    private readonly retentionMonths: number | undefined,
  ) {}

  /** The first instant retention keeps, or undefined when it keeps everything. */
  static horizon(retentionMonths: number | undefined, now = new Date()): Date | undefined {
    return retentionMonths === undefined ? undefined : monthStart(now, -retentionMonths);
  }

  async run(now = new Date()): Promise<PartitionMaintenanceReport> {
    const created = [
      ...(await this.partitions.createMonths(monthStart(now), MONTHS_AHEAD)),
      ...(await this.partitions.adoptDefaultRows()),
    ];
    const horizon = UsagePartitionsMaintainer.horizon(this.retentionMonths, now);
    const dropped = horizon ? await this.partitions.dropBefore(horizon) : [];
    return { created, dropped };
  }
}
