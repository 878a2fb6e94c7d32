import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey } from '../auth/current-key.decorator';
import { UsageQueryDto } from './dto/usage-query.dto';
import { usageCsv } from './usage-csv';
import { UsageService } from './usage.service';

@Controller('v1/usage')
@UseGuards(ApiKeyGuard)
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  async report(
    @CurrentKey() key: AuthenticatedKey,
    @Query() query: UsageQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.usage.report(key.accountId, query);
    if (query.format !== 'csv') return report;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader(
      'content-disposition',
      `attachment; filename="usage-${report.group_by}.csv"`,
    );
    return usageCsv(report);
  }
}
