import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { usageEventJobOptions } from './job-options';
import { JobName, QueueName } from './queue-names';
import { parseUsageEvent, type UsageEvent } from './usage-event.schema';

/** The one way feature code puts a usage event on the queue. */
@Injectable()
export class UsageEventProducer {
  constructor(@InjectQueue(QueueName.usageEvents) private readonly queue: Queue) {}

  /**
   * Enqueues the event with its event id as job id, so BullMQ ignores a second add of the
   * same event while the first is still known; the worker's unique usage record id is
   * what makes charging exactly-once.
   */
  async enqueue(event: UsageEvent): Promise<void> {
    const valid = parseUsageEvent(event);
    await this.queue.add(JobName.priceUsageEvent, valid, {
      ...usageEventJobOptions,
      jobId: valid.eventId,
    });
  }
}
