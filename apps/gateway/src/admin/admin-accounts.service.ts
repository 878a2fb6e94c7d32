import { Injectable } from '@nestjs/common';
import {
  AccountRepository,
  AuditLogRepository,
  isId,
  newId,
  PrismaService,
  randomBase62,
  type Db,
} from '@app/database';
import { notFound } from '@app/errors';
import { SpendControlStore } from '@app/spend-control';
import { presentAccount, presentApiKey } from '../accounts/account.presenter';
import { presentAdminAccount } from './admin-account.presenter';
import { CacheInvalidationService } from '../auth/cache-invalidation.service';
import { KeyIssuerService } from '../auth/key-issuer.service';
import type { CreateAccountDto } from './dto/create-account.dto';
import type { CreateKeyDto } from './dto/create-key.dto';
import type { ListAccountsQueryDto } from './dto/list-accounts.query.dto';
import type { UpdateAccountDto } from './dto/update-account.dto';
import { WebhookUrlChecker } from '../webhook-settings/webhook-url.checker';

const DEFAULT_PAGE_SIZE = 20;
const ACTOR = 'admin';

/** The operator's side of accounts and their keys. Every write is in the audit log. */
@Injectable()
export class AdminAccountsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly accounts: AccountRepository,
    private readonly audit: AuditLogRepository,
    private readonly invalidation: CacheInvalidationService,
    private readonly webhookUrls: WebhookUrlChecker,
    private readonly spendControl: SpendControlStore,
    private readonly issuer: KeyIssuerService,
  ) {}

  async create(dto: CreateAccountDto) {
    return this.prisma.$transaction(async (tx) => {
      const account = presentAccount(
        await this.accounts.insert({ id: newId('acct'), name: dto.name, email: dto.email }, tx),
      );
      await this.audit.record(
        {
          actor: ACTOR,
          action: 'account.create',
          targetType: 'account',
          targetId: account.id,
          after: account,
        },
        tx,
      );
      return account;
    });
  }

  async get(id: string) {
    const account = await this.findOrThrow(id);
    return presentAdminAccount(account, await this.spendControl.held(id));
  }

  async list(query: ListAccountsQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const accounts = await this.accounts.page({
      after: query.cursor,
      limit: limit + 1,
      search: query.search,
    });
    const page = accounts.slice(0, limit);
    const hasMore = accounts.length > limit;
    return {
      object: 'list',
      data: page.map((account) => presentAccount(account)),
      has_more: hasMore,
      next_cursor: hasMore ? page[page.length - 1].id : null,
    };
  }

  /** Renames or suspends/reactivates; a status change reaches every gateway before the answer. */
  async update(id: string, dto: UpdateAccountDto) {
    if (dto.webhook_url) await this.webhookUrls.assertAllowed(dto.webhook_url);
    const account = await this.prisma.$transaction(async (tx) => {
      const current = await this.findOrThrow(id, tx);
      const updated = presentAdminAccount(
        await this.accounts.update(
          id,
          {
            ...(dto.name !== undefined ? { name: dto.name } : {}),
            ...(dto.email !== undefined ? { email: dto.email } : {}),
            ...(dto.status !== undefined ? { status: dto.status } : {}),
            ...(dto.low_balance_threshold !== undefined
              ? { lowBalanceThreshold: dto.low_balance_threshold }
              : {}),
            ...(dto.webhook_url !== undefined ? { webhookUrl: dto.webhook_url } : {}),
            // A signing secret comes with the first webhook URL, and stays.
            ...(dto.webhook_url && !current.webhookSecret
              ? { webhookSecret: `whsec_${randomBase62(32)}` }
              : {}),
          },
          tx,
        ),
      );
      // The audit log records settings, never the signing secret.
      const { webhook_secret: _before, ...before } = presentAdminAccount(current);
      const { webhook_secret: _after, ...after } = updated;
      await this.audit.record(
        {
          actor: ACTOR,
          action: 'account.update',
          targetType: 'account',
          targetId: id,
          before,
          after,
        },
        tx,
      );
      return updated;
    });
    await this.invalidation.publish({ kind: 'account', id });
    return account;
  }

  /** Issues a key; its plaintext is in this answer and nowhere else, ever. */
  async createKey(accountId: string, dto: CreateKeyDto) {
    return this.prisma.$transaction(async (tx) => {
      await this.findOrThrow(accountId, tx);
      const issued = await this.issuer.issue({ accountId, name: dto.name, scope: dto.scope }, tx);
      const key = presentApiKey(issued.key);
      await this.audit.record(
        { actor: ACTOR, action: 'key.create', targetType: 'api_key', targetId: key.id, after: key },
        tx,
      );
      return { ...key, key: issued.plaintext };
    });
  }

  private async findOrThrow(id: string, db?: Db) {
    const account = isId('acct', id) ? await this.accounts.findById(id, db) : null;
    if (!account) throw notFound('account', id);
    return account;
  }
}
