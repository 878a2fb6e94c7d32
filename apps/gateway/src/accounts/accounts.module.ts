import { Module } from '@nestjs/common';
import { SpendControlModule } from '@app/spend-control';
import { AuthModule } from '../auth/auth.module';
import { AccountController } from './account.controller';
import { AccountsService } from './accounts.service';

@Module({
  imports: [AuthModule, SpendControlModule],
  controllers: [AccountController],
  providers: [AccountsService],
})
export class AccountsModule {}
