import { Injectable } from '@nestjs/common';
import { isId, UsageRecordRepository } from '@app/database';
import { invalidRequest } from '@app/errors';
import { presentGenerationSummary } from './account.presenter';

const DEFAULT_PAGE_SIZE = 20;
const CURSOR = /^(\d{1,15})\.(gen_[0-9A-Za-z_]{1,64})$/;

/** The account's requests, newest first, a page at a time (details: AccountsService.getGeneration). */
@Injectable()
export class GenerationsService {
  constructor(private readonly usageRecords: UsageRecordRepository) {}

  async page(accountId: string, query: { cursor?: string; limit?: number }) {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One more than asked tells whether there is a next page, without counting.
    const records = await this.usageRecords.pageForAccount(accountId, {
      before: query.cursor === undefined ? undefined : parseCursor(query.cursor),
      limit: limit + 1,
    });
    const page = records.slice(0, limit);
    const last = page[page.length - 1];
    const hasMore = records.length > limit;
    return {
      object: 'list',
      data: page.map(presentGenerationSummary),
      has_more: hasMore,
      // The (time, id) of the last row: rows that arrive later sort before it, never after.
      next_cursor: hasMore ? `${last.occurredAt.getTime()}.${last.id}` : null,
    };
  }
}

function parseCursor(cursor: string): { occurredAt: Date; id: string } {
  const match = CURSOR.exec(cursor);
  if (!match || !isId('gen', match[2])) {
    throw invalidRequest('cursor must be the next_cursor of a previous page.', 'cursor');
  }
  return { occurredAt: new Date(Number(match[1])), id: match[2] };
}
