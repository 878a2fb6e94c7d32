import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import { AccountRepository } from '@app/database';
import { lowBalanceWebhookSchema, QueueName } from '@app/queue';
import { signWebhook } from './webhook-signature';

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Delivers low-balance webhooks, signed with the account's secret. A non-2xx answer or a
 * network failure throws, and BullMQ retries with backoff; the URL and secret are read
 * at delivery time, so a corrected URL takes effect on the next attempt.
 */
@Processor(QueueName.webhooks, { concurrency: 8 })
export class LowBalanceWebhookProcessor extends WorkerHost {
  private readonly logger = new Logger(LowBalanceWebhookProcessor.name);

  constructor(private readonly accounts: AccountRepository) {
    super();
  }

  async process(job: Job): Promise<string> {
    let webhook;
    try {
      webhook = lowBalanceWebhookSchema.parse(job.data);
    } catch (error) {
      if (error instanceof ZodError)
        throw new UnrecoverableError(`Malformed webhook job: ${error.message}`);
      throw error;
    }
    const account = await this.accounts.findById(webhook.accountId);
    if (!account?.webhookUrl || !account.webhookSecret) return 'no webhook configured';
    const body = JSON.stringify({
      id: webhook.eventId,
      object: 'event',
      type: 'account.low_balance',
      created: Math.floor(Date.parse(webhook.occurredAt) / 1000),
      data: {
        account_id: webhook.accountId,
        balance: webhook.balance,
        low_balance_threshold: webhook.threshold,
        currency: 'usd',
      },
    });
    const response = await fetch(account.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'keeprouter-signature': signWebhook(
          account.webhookSecret,
          Math.floor(Date.now() / 1000),
          body,
        ),
      },
      body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    if (!response.ok) {
      this.logger.warn(
        `webhook ${webhook.eventId} to account ${webhook.accountId} answered ${response.status}; will retry`,
      );
      throw new Error(`Webhook endpoint answered ${response.status}`);
    }
    return `delivered (${response.status})`;
  }
}
