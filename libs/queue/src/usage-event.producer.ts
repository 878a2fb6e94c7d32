import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { usageEventJobOptions } from './job-options';
import { JobName, QueueName } from './queue-names';
import { MAX_EVENTS_PER_JOB } from './usage-event-batch.schema';
import type { UsageEvent } from './usage-event.schema';

const TOPOLOGY_TTL_MS = 10_000;

/**
 * The one way feature code puts usage events on the queue, or back on it. Events come in
 * parsed (`parseUsageEvent`, once per process, where they enter it): this does not parse
 * them again.
 */
@Injectable()
export class UsageEventProducer {
  /** The queue's master and whether it has replicas (a Redis Cluster), read now and then. */
  private topology: { master: string; replicas: number; readAt: number } | undefined;

  constructor(@InjectQueue(QueueName.usageEvents) private readonly queue: Queue) {}

  /**
   * On a Redis Cluster whose masters have replicas: true once the queue's master has passed
   * every write of this producer's connection to a replica (Redis WAIT), false if none
   * acknowledged within `timeoutMs`. Replication is asynchronous: a master killed right
   * after acknowledging an add would otherwise take the event with it, and the replica
   * promoted in its place would never have seen it. True at once on one Redis or a master
   * without replicas (nothing to wait for). A replica that is down, cut off or flagged as
   * failed still counts: it may come back and be promoted with what it had.
   */
  async replicated(timeoutMs: number): Promise<boolean> {
    const client: unknown = await this.queue.getBackend().client;
    if (!(client instanceof Cluster)) return true;
    const { master, replicas } = await this.queueTopology(client);
    if (replicas === 0) return true;
    // WAIT counts the writes sent on one connection: the cluster client's own to that master.
    const node = client
      .nodes('master')
      .find((redis) => `${redis.options.host}:${redis.options.port}` === master);
    const acknowledged = node ? await node.wait(1, timeoutMs) : 0;
    if (acknowledged < 1) this.topology = undefined; // a fail-over may have moved the slot
    return acknowledged >= 1;
  }

  /**
   * The master serving the queue's slot (CLUSTER SLOTS, the addresses the cluster client
   * uses) and how many replicas it has (CLUSTER REPLICAS), cached 10 s. Not the replicas
   * CLUSTER SLOTS lists: it leaves out a replica flagged as failed (one paused or cut off
   * for longer than the node timeout) and, on Redis 7, one not yet known to hold any data
   * (a young cluster); either may be promoted when the master dies.
   */
  private async queueTopology(client: Cluster): Promise<{ master: string; replicas: number }> {
    if (this.topology && Date.now() - this.topology.readAt < TOPOLOGY_TTL_MS) return this.topology;
    // Every key of the queue carries the prefix's hash tag: any of them names the slot.
    const slot = Number(await client.cluster('KEYSLOT', this.queue.keys.id));
    const ranges = await client.cluster('SLOTS');
    const range = ranges.find(([from, to]) => slot >= from && slot <= to);
    if (!range) throw new Error(`no node serves slot ${slot}`);
    const [, , [host, port, id]] = range;
    // One line per replica of the master, in CLUSTER NODES format, whatever its state.
    const replicas = (await client.cluster('REPLICAS', id)) as string[];
    this.topology = { master: `${host}:${port}`, replicas: replicas.length, readAt: Date.now() };
    return this.topology;
  }

  /**
   * Enqueues the event with its event id as job id, so BullMQ ignores a second add of the
   * same event while the first is still known; the worker's unique usage record id is
   * what makes charging exactly-once.
   */
  async enqueue(event: UsageEvent): Promise<void> {
    await this.queue.add(JobName.priceUsageEvent, event, jobOptionsOf(event));
  }

  /**
   * Enqueues many events in one Redis round trip and one job (up to MAX_EVENTS_PER_JOB
   * per job): what costs Redis and the worker is the job, not the event. A single event
   * still travels as its own job, under its own id. Resolves once Redis has them all.
   */
  async enqueueMany(events: readonly UsageEvent[]): Promise<void> {
    if (events.length === 0) return;
    if (events.length === 1) return this.enqueue(events[0]);
    const jobs = [];
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_JOB) {
      const slice = events.slice(i, i + MAX_EVENTS_PER_JOB);
      jobs.push({
        name: JobName.priceUsageEvents,
        data: { events: slice },
        // Named after its first event: an event is in one batch only, so a repeated add of
        // the same batch is ignored by BullMQ like a repeated single event.
        opts: { ...usageEventJobOptions, jobId: `batch_${slice[0].eventId}` },
      });
    }
    if (jobs.length === 1) await this.queue.add(jobs[0].name, jobs[0].data, jobs[0].opts);
    else await this.queue.addBulk(jobs);
  }

  /** Puts a failed job back in line; false when no failed job has this id. */
  async retryFailed(jobId: string): Promise<boolean> {
    const job = await this.queue.getJob(jobId);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  /** Puts every failed job back in line (1,000 per round trip); returns how many were failed. */
  async retryAllFailed(): Promise<number> {
    const failed = await this.queue.getFailedCount();
    await this.queue.retryJobs({ state: 'failed', count: 1000 });
    return failed;
  }
}

function jobOptionsOf(event: UsageEvent) {
  return { ...usageEventJobOptions, jobId: event.eventId };
}
