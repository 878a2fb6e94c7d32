import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { ZodError } from 'zod';
import { AccountRepository } from '@app/database';
import { lowBalanceWebhookSchema, QueueName } from '@app/queue';
import { pinnedPost, WebhookUrlPolicy } from '@app/webhooks';
import { ConsumerHost } from '../consumer-host';
import { signWebhook } from './webhook-signature';

const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Delivers low-balance webhooks, signed with the account's secret. A non-2xx answer or a
 * network failure throws, and BullMQ retries with backoff; the URL and secret are read
 * at delivery time, so a corrected URL takes effect on the next attempt. The URL is checked
 * again at each attempt (DNS may have changed since it was set): its host is resolved, every
 * address checked, and the request connects only to a checked address; a refused address
 * fails the attempt without any connection, and a redirect is never followed (a 3xx fails
 * the attempt like any non-2xx).
 */
@Processor(QueueName.webhooks, { concurrency: 8 })
export class LowBalanceWebhookProcessor extends ConsumerHost {
  private readonly logger = new Logger(LowBalanceWebhookProcessor.name);

  constructor(
    private readonly accounts: AccountRepository,
    private readonly policy: WebhookUrlPolicy,
  ) {
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
    const addresses = await this.policy.check(account.webhookUrl);
    const status = await pinnedPost(
      account.webhookUrl,
      addresses,
      {
        'content-type': 'application/json',
        'keeprouter-signature': signWebhook(
          account.webhookSecret,
          Math.floor(Date.now() / 1000),
          body,
        ),
      },
      body,
      DELIVERY_TIMEOUT_MS,
    );
    if (status < 200 || status >= 300) {
      this.logger.warn(
        `webhook ${webhook.eventId} to account ${webhook.accountId} answered ${status}; will retry`,
      );
      throw new Error(`Webhook endpoint answered ${status}`);
    }
    return `delivered (${status})`;
  }
}
