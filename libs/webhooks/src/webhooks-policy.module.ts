import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { WebhookUrlPolicy } from './webhook-url.policy';

/** The webhook URL policy, with the operator's allow-list (WEBHOOK_ALLOWED_HOSTS). */
@Module({
  providers: [
    {
      provide: WebhookUrlPolicy,
      useFactory: (config: AppConfig) => new WebhookUrlPolicy(config.webhooks.allowedHosts),
      inject: [APP_CONFIG],
    },
  ],
  exports: [WebhookUrlPolicy],
})
export class WebhooksPolicyModule {}
