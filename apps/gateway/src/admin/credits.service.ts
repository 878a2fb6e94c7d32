import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import {
  AccountRepository,
  AuditLogRepository,
  IdempotencyKeyRepository,
  isId,
  isUniqueViolation,
  LedgerRepository,
  PrismaService,
} from '@app/database';
import { DomainError, ErrorCode, invalidRequest, notFound } from '@app/errors';
import { formatMoney, parseMoney, toMoney } from '@app/pricing';
import { SpendControlStore } from '@app/spend-control';
import { presentLedgerEntry } from '../accounts/account.presenter';
import type { CreateCreditDto } from './dto/create-credit.dto';

/** The answer of an idempotent write: the same status and body on every retry. */
export interface IdempotentResult {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** A top-up's answer and, when this call applied it, what to settle in spend control. */
type CreditOutcome = IdempotentResult & { settlement?: { balanceAfter: string; version: bigint } };

const IDEMPOTENCY_KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * Top-ups. A retried request (same Idempotency-Key, same body) is applied once and
 * answered the same; the same key with another body is a 409. The stored answer, the
 * ledger entry and the balance change commit together or not at all.
 */
@Injectable()
export class CreditsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly accounts: AccountRepository,
    private readonly ledger: LedgerRepository,
    private readonly idempotencyKeys: IdempotencyKeyRepository,
    private readonly spendControl: SpendControlStore,
    private readonly audit: AuditLogRepository,
  ) {}

  async topUp(
    accountId: string,
    dto: CreateCreditDto,
    idempotencyKey: string | undefined,
  ): Promise<IdempotentResult> {
    if (!idempotencyKey) {
      throw invalidRequest(
        'The Idempotency-Key header is required: it makes a retried top-up apply once.',
        'Idempotency-Key',
      );
    }
    if (!IDEMPOTENCY_KEY_FORMAT.test(idempotencyKey)) {
      throw invalidRequest(
        'Idempotency-Key must be 1 to 255 printable characters.',
        'Idempotency-Key',
      );
    }
    const amount = parseMoney(dto.amount, 'amount');
    if (amount.isZero()) throw invalidRequest('amount must not be zero.', 'amount');
    const kind = amount.isNegative() ? 'adjustment' : 'credit';
    if (kind === 'adjustment' && !dto.note?.trim()) {
      throw invalidRequest('A debit adjustment needs a note saying why.', 'note');
    }
    if (!isId('acct', accountId)) throw notFound('account', accountId);

    const route = `POST /admin/accounts/${accountId}/credits`;
    const requestHash = hashRequest({ amount: formatMoney(amount), note: dto.note ?? null });
    try {
      const result = await this.prisma.$transaction(async (tx): Promise<CreditOutcome> => {
        const previous = await this.idempotencyKeys.find(route, idempotencyKey, tx);
        if (previous) return replay(previous, requestHash);
        if (!(await this.accounts.findById(accountId, tx))) throw notFound('account', accountId);
        const balanceAfter = await this.accounts.applyToBalance(accountId, formatMoney(amount), tx);
        const entry = await this.ledger.append(
          {
            accountId,
            kind,
            amount: formatMoney(amount),
            balanceAfter,
            idempotencyKey,
            note: dto.note ?? null,
          },
          tx,
        );
        if (kind === 'credit') await this.accounts.rearmLowBalanceAlert(accountId, tx);
        const body = presentLedgerEntry(entry);
        await this.audit.record(
          {
            actor: 'admin',
            action: `account.${kind}`,
            targetType: 'account',
            targetId: accountId,
            after: body,
          },
          tx,
        );
        await this.idempotencyKeys.insert(
          {
            route,
            key: idempotencyKey,
            requestHash,
            responseStatus: 201,
            responseBody: body,
          },
          tx,
        );
        return {
          status: 201,
          body,
          replayed: false,
          settlement: { balanceAfter, version: entry.id },
        };
      });
      if (result.settlement) {
        await this.spendControl.settle({
          accountId,
          balance: toMoney(result.settlement.balanceAfter),
          version: result.settlement.version,
        });
      }
      return { status: result.status, body: result.body, replayed: result.replayed };
    } catch (error) {
      // A concurrent twin committed first: our transaction rolled back, answer as it did.
      if (isUniqueViolation(error)) {
        const previous = await this.idempotencyKeys.find(route, idempotencyKey);
        if (previous) return replay(previous, requestHash);
      }
      throw error;
    }
  }
}

function hashRequest(canonical: object): string {
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function replay(
  previous: { requestHash: string; responseStatus: number; responseBody: unknown },
  requestHash: string,
): IdempotentResult {
  if (previous.requestHash !== requestHash) {
    throw new DomainError(
      ErrorCode.IdempotencyConflict,
      'This Idempotency-Key was already used with a different request body.',
      { param: 'Idempotency-Key' },
    );
  }
  return { status: previous.responseStatus, body: previous.responseBody, replayed: true };
}
