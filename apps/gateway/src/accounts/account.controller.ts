import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey } from '../auth/current-key.decorator';
import { AccountsService } from './accounts.service';

/** The customer's own account, read with any of its keys. */
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class AccountController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('account')
  getAccount(@CurrentKey() key: AuthenticatedKey) {
    return this.accounts.getAccount(key.accountId);
  }

  @Get('generations/:id')
  getGeneration(@CurrentKey() key: AuthenticatedKey, @Param('id') id: string) {
    return this.accounts.getGeneration(key.accountId, id);
  }
}
