import { Injectable } from '@nestjs/common';
import { AccountRepository, UsageRecordRepository } from '@app/database';
import { notFound } from '@app/errors';
import { SpendControlStore } from '@app/spend-control';
import { presentAccount, presentGeneration } from './account.presenter';

/** What a customer key may read of its own account. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly usageRecords: UsageRecordRepository,
    private readonly spendControl: SpendControlStore,
  ) {}

  async getAccount(accountId: string) {
    const account = await this.accounts.findById(accountId);
    if (!account) throw notFound('account', accountId);
    return presentAccount(account, await this.spendControl.held(accountId));
  }

  /** A generation of this account only; another account's id is indistinguishable from an unknown one. */
  async getGeneration(accountId: string, generationId: string) {
    const record = await this.usageRecords.findForAccount(generationId, accountId);
    if (!record) throw notFound('generation', generationId);
    return presentGeneration(record);
  }
}
