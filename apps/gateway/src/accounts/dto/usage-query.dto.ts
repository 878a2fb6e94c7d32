import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import type { UsageGrouping } from '@app/database';

export class UsageQueryDto {
  /** Inclusive, from the start of its UTC day; ISO 8601 date or date-time. Default: 30 days before `end`. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'start must be an ISO 8601 date such as 2026-11-01' })
  start?: string;

  /** Exclusive, up to the end of its UTC day unless at midnight; ISO 8601 date or date-time. Default: now. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'end must be an ISO 8601 date such as 2026-12-01' })
  end?: string;

  @IsOptional()
  @IsIn(['model', 'key', 'provider', 'day'])
  group_by?: UsageGrouping;

  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
