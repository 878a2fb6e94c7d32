import { Module } from '@nestjs/common';
import { SpendControlModule } from '@app/spend-control';
import { AuthModule } from '../auth/auth.module';
import { GenerationsService } from './generations.service';
import { AccountController } from './account.controller';
import { AccountsService } from './accounts.service';
import { KeysController } from './keys.controller';
import { KeysService } from './keys.service';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

/** The customer's side: account, keys, usage, generations, ledger. */
@Module({
  imports: [AuthModule, SpendControlModule],
  controllers: [AccountController, KeysController, UsageController, LedgerController],
  providers: [AccountsService, KeysService, UsageService, LedgerService, GenerationsService],
  // The dashboard shows the same data through the same services.
  exports: [AccountsService, KeysService, UsageService, LedgerService, GenerationsService],
})
export class AccountsModule {}
