import type { Client } from 'pg';
import type { UsageEvent, UsageEventProducer } from '@app/queue';

export interface SteadyResult {
  offeredPerSecond: number;
  events: number;
  p50LagMs: number;
  p99LagMs: number;
  maxLagMs: number;
}

const TICK_MS = 10;
const WARMUP_MS = 2000;

/**
 * A steady load, not a backlog: events are enqueued as they occur, `perSecond` of them
 * spread over ticks of 10 ms (one job per tick, as a gateway that group-commits would),
 * for `seconds`. The pricing lag of each event is priced_at − occurred_at, the occurrence
 * being the moment it was enqueued; the first two seconds are warm-up. priced_at is the
 * charging transaction's start, so the lag leaves out that transaction's own few ms.
 */
export async function steadyLag(
  pg: Client,
  producer: UsageEventProducer,
  make: (i: number) => UsageEvent,
  perSecond: number,
  seconds: number,
): Promise<SteadyResult> {
  const started = Date.now();
  const end = started + seconds * 1000;
  let sent = 0;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - started) / 1000) * perSecond) - sent;
    if (due > 0) {
      const now = new Date().toISOString();
      const events = Array.from({ length: due }, (_, j) => ({
        ...make(sent + j),
        occurredAt: now,
      }));
      sent += due;
      await producer.enqueueMany(events);
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  const measuredFrom = new Date(started + WARMUP_MS);
  const count = async () =>
    Number(
      (
        await pg.query('SELECT count(*) FROM usage_records WHERE occurred_at >= $1', [
          new Date(started),
        ])
      ).rows[0].count,
    );
  while ((await count()) < sent) await new Promise((resolve) => setTimeout(resolve, 100));
  const lag = await pg.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max, count(*) AS n
     FROM (SELECT extract(epoch FROM priced_at - occurred_at) * 1000 AS ms
           FROM usage_records WHERE occurred_at >= $1) AS lags`,
    [measuredFrom],
  );
  const row = lag.rows[0];
  return {
    offeredPerSecond: sent / seconds,
    events: Number(row.n),
    p50LagMs: Number(row.p50),
    p99LagMs: Number(row.p99),
    maxLagMs: Number(row.max),
  };
}
