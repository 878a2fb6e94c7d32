import { Injectable } from '@nestjs/common';
import {
  AccountRepository,
  AuditLogRepository,
  PrismaService,
  UsageRecordRepository,
} from '@app/database';
import { notFound } from '@app/errors';
import { SpendControlStore } from '@app/spend-control';
import { presentAccount, presentGeneration, presentLowBalanceAlert } from './account.presenter';
import type { LowBalanceAlertDto } from './dto/low-balance-alert.dto';

/** What a customer key may read of its own account. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLogRepository,
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

  async getLowBalanceAlert(accountId: string) {
    const account = await this.accounts.findById(accountId);
    if (!account) throw notFound('account', accountId);
    return presentLowBalanceAlert(account);
  }

  /**
   * Sets or clears the threshold, written to the audit log with the key that did it. The
   * webhook URL stays the operator's to set until webhook targets are checked for SSRF.
   */
  async setLowBalanceThreshold(accountId: string, actorKeyId: string, dto: LowBalanceAlertDto) {
    return this.prisma.$transaction(async (tx) => {
      const current = await this.accounts.findById(accountId, tx);
      if (!current) throw notFound('account', accountId);
      const updated = await this.accounts.update(
        accountId,
        { lowBalanceThreshold: dto.low_balance_threshold },
        tx,
      );
      await this.audit.record(
        {
          actor: `key:${actorKeyId}`,
          action: 'account.low_balance_alert',
          targetType: 'account',
          targetId: accountId,
          before: presentLowBalanceAlert(current),
          after: presentLowBalanceAlert(updated),
        },
        tx,
      );
      return presentLowBalanceAlert(updated);
    });
  }
}
