import { Module } from '@nestjs/common';
import { SpendControlModule } from '@app/spend-control';
import { AuthModule } from '../auth/auth.module';
import { AdminAccountsController } from './admin-accounts.controller';
import { AdminAccountsService } from './admin-accounts.service';
import { CreditsService } from './credits.service';

@Module({
  imports: [AuthModule, SpendControlModule],
  controllers: [AdminAccountsController],
  providers: [AdminAccountsService, CreditsService],
})
export class AdminModule {}
