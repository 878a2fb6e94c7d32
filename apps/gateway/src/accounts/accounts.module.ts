import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountController } from './account.controller';
import { AccountsService } from './accounts.service';

@Module({ imports: [AuthModule], controllers: [AccountController], providers: [AccountsService] })
export class AccountsModule {}
