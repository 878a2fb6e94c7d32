import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey } from '../auth/current-key.decorator';
import { LedgerQueryDto } from './dto/ledger-query.dto';
import { LedgerService } from './ledger.service';

@Controller('v1/ledger')
@UseGuards(ApiKeyGuard)
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  page(@CurrentKey() key: AuthenticatedKey, @Query() query: LedgerQueryDto) {
    return this.ledger.page(key.accountId, query);
  }
}
