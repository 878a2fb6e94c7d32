import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import {
  lowBalanceWebhookSchema,
  webhookJobOptions,
  type LowBalanceWebhook,
} from './low-balance-webhook.schema';
import { JobName, QueueName } from './queue-names';

/** The one way to queue a low-balance webhook. */
@Injectable()
export class LowBalanceWebhookProducer {
  constructor(@InjectQueue(QueueName.webhooks) private readonly queue: Queue) {}

  async enqueue(webhook: LowBalanceWebhook): Promise<void> {
    const valid = lowBalanceWebhookSchema.parse(webhook);
    await this.queue.add(JobName.lowBalanceWebhook, valid, {
      ...webhookJobOptions,
      jobId: valid.eventId,
    });
  }
}
