import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { SpendControlModule } from '@app/spend-control';
import { AuthModule } from '../auth/auth.module';
import { WebhookSettingsModule } from '../webhook-settings/webhook-settings.module';
import { AdminAccountsController } from './admin-accounts.controller';
import { AdminAccountsService } from './admin-accounts.service';
import { CreditsService } from './credits.service';
import { AdminQueueController } from './queue/admin-queue.controller';
import { AdminQueueService } from './queue/admin-queue.service';

/** The operator's API: accounts, credits, keys, the metering queue. */
@Module({
  imports: [AuthModule, SpendControlModule, QueueModule, WebhookSettingsModule],
  controllers: [AdminAccountsController, AdminQueueController],
  providers: [AdminAccountsService, CreditsService, AdminQueueService],
})
export class AdminModule {}
