import { Injectable } from '@nestjs/common';
import { invalidRequest } from '@app/errors';
import { WebhookUrlPolicy, WebhookUrlRefused } from '@app/webhooks';

/**
 * Checks a webhook URL when it is set: one that resolves to a loopback, private or
 * reserved address (and is not allow-listed by the operator) is a 400 naming
 * `webhook_url`, and nothing is stored. The worker checks again at each delivery.
 */
@Injectable()
export class WebhookUrlChecker {
  constructor(private readonly policy: WebhookUrlPolicy) {}

  async assertAllowed(url: string): Promise<void> {
    try {
      await this.policy.check(url);
    } catch (error) {
      if (error instanceof WebhookUrlRefused) throw invalidRequest(error.message, 'webhook_url');
      throw error;
    }
  }
}
