import { Injectable } from '@nestjs/common';
import { LedgerRepository } from '@app/database';
import { presentLedgerEntry } from './account.presenter';
import type { LedgerQueryDto } from './dto/ledger-query.dto';

const DEFAULT_PAGE_SIZE = 20;

/** The account's credits and debits, newest first, with the balance after each. */
@Injectable()
export class LedgerService {
  constructor(private readonly ledger: LedgerRepository) {}

  async page(accountId: string, query: LedgerQueryDto) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One more than asked tells whether there is a next page, without counting.
    const entries = await this.ledger.pageForAccount(accountId, {
      before: query.cursor === undefined ? undefined : BigInt(query.cursor),
      limit: limit + 1,
    });
    const page = entries.slice(0, limit);
    const hasMore = entries.length > limit;
    return {
      object: 'list',
      data: page.map(presentLedgerEntry),
      has_more: hasMore,
      next_cursor: hasMore ? page[page.length - 1].id.toString() : null,
    };
  }
}
