import { Module } from '@nestjs/common';
import { WebhooksPolicyModule } from '@app/webhooks';
import { WebhookUrlChecker } from './webhook-url.checker';

/** What the gateway checks of a webhook setting before storing it. */
@Module({
  imports: [WebhooksPolicyModule],
  providers: [WebhookUrlChecker],
  exports: [WebhookUrlChecker],
})
export class WebhookSettingsModule {}
