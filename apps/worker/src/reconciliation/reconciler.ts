import {
  DEFAULT_PARTITION,
  type Mismatch,
  monthStart,
  type ReconciliationRepository,
  type UsagePartitionRepository,
} from '@app/database';
import { type RedisClient, scanKeys } from '@app/redis';

export interface OrphanedHold {
  accountId: string;
  holdId: string;
  reason: string;
}

export interface ReconciliationReport {
  ok: boolean;
  checkedAt: string;
  mismatches: Mismatch[];
  orphanedHolds: OrphanedHold[];
}

// A hold of a priced event is released right after the commit; one still there a
// minute later was lost, not merely in flight.
const RELEASE_GRACE_MS = 60_000;

/**
 * Checks the invariants of API.md over the whole database and the spend-control state
 * in Redis. Plain (no Nest), so `npm run reconcile` and the worker's schedule share it.
 */
export class Reconciler {
  constructor(
    private readonly repository: ReconciliationRepository,
    private readonly partitions: UsagePartitionRepository,
    private readonly redis: RedisClient,
    private readonly redisPrefix: string,
    private readonly retentionMonths: number | undefined,
  ) {}

  async run(now = new Date()): Promise<ReconciliationReport> {
    const horizon =
      this.retentionMonths === undefined ? undefined : monthStart(now, -this.retentionMonths);
    const mismatches = [
      ...(await this.repository.findLedgerMismatches(horizon)),
      ...(await this.findPartitionProblems(now)),
    ];
    const orphanedHolds = await this.findOrphanedHolds();
    return {
      ok: mismatches.length === 0 && orphanedHolds.length === 0,
      checkedAt: new Date().toISOString(),
      mismatches,
      orphanedHolds,
    };
  }

  /** This month and the next have their partitions, and nothing waits in the default one. */
  private async findPartitionProblems(now: Date): Promise<Mismatch[]> {
    const check = 'usage records are partitioned by month, ahead of time';
    const problems: Mismatch[] = [];
    const partitions = await this.partitions.list();
    for (const month of [monthStart(now), monthStart(now, 1)]) {
      if (!partitions.some((p) => p.from.getTime() === month.getTime()))
        problems.push({
          check,
          id: month.toISOString().slice(0, 7),
          detail: 'no partition for this month: the worker maintenance job has not run',
        });
    }
    const stray = await this.partitions.defaultRowCount();
    if (stray > 0)
      problems.push({
        check,
        id: DEFAULT_PARTITION,
        detail: `${stray} rows in the default partition: the worker maintenance job moves them`,
      });
    return problems;
  }

  private async findOrphanedHolds(): Promise<OrphanedHold[]> {
    const orphans: OrphanedHold[] = [];
    const now = Date.now();
    for (const holdsKey of await scanKeys(this.redis, `${this.redisPrefix}:acct:*:holds`)) {
      const accountId = holdsKey
        .slice(`${this.redisPrefix}:acct:`.length, -':holds'.length)
        .replace(/^\{(.*)\}$/, '$1');
      const base = holdsKey.slice(0, -'holds'.length);
      const holds = await this.redis.hgetall(holdsKey);
      const ids = Object.keys(holds);
      const expiries = await this.redis.zmscore(
        `${base}hold-expiries`,
        ...(ids.length ? ids : ['-']),
      );
      const priced = await this.repository.pricedBefore(ids, new Date(now - RELEASE_GRACE_MS));
      ids.forEach((holdId, i) => {
        if (priced.has(holdId))
          orphans.push({ accountId, holdId, reason: 'priced but never released' });
        else if (expiries[i] === null) orphans.push({ accountId, holdId, reason: 'has no expiry' });
      });
      const held = BigInt((await this.redis.get(`${base}held`)) ?? '0');
      // A hold is `<micros>|<key id>`.
      const sum = Object.values(holds).reduce(
        (total, value) => total + BigInt(value.split('|')[0]),
        0n,
      );
      if (held !== sum)
        orphans.push({
          accountId,
          holdId: '*',
          reason: `held total ${held} but holds sum to ${sum}`,
        });
      // Each key's total of open holds, which its spend limit counts, matches its holds.
      const keySums = new Map<string, bigint>();
      for (const value of Object.values(holds)) {
        const [micros, keyId] = value.split('|');
        if (keyId) keySums.set(keyId, (keySums.get(keyId) ?? 0n) + BigInt(micros));
      }
      const keyHeld = await this.redis.hgetall(`${base}key-held`);
      for (const keyId of new Set([...keySums.keys(), ...Object.keys(keyHeld)])) {
        const recorded = BigInt(keyHeld[keyId] ?? '0');
        const summed = keySums.get(keyId) ?? 0n;
        if (recorded !== summed)
          orphans.push({
            accountId,
            holdId: '*',
            reason: `key ${keyId} held total ${recorded} but its holds sum to ${summed}`,
          });
      }
    }
    return orphans;
  }
}

/** The report as lines for a person, ending with the verdict. */
export function formatReport(report: ReconciliationReport): string {
  const lines = [
    ...report.mismatches.map((m) => `MISMATCH ${m.check}: ${m.id}: ${m.detail}`),
    ...report.orphanedHolds.map((h) => `ORPHANED HOLD ${h.accountId}/${h.holdId}: ${h.reason}`),
    report.ok
      ? `reconciliation OK at ${report.checkedAt}: balances equal their ledgers, every usage record has one ledger entry, roll-ups equal the usage records, partitions in place, no orphaned hold`
      : `reconciliation FAILED at ${report.checkedAt}: ${report.mismatches.length} mismatches, ${report.orphanedHolds.length} orphaned holds`,
  ];
  return lines.join('\n');
}
