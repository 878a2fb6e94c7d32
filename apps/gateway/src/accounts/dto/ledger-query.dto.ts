import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';

/** Ledger ids are PostgreSQL BIGINT: a cursor beyond it cannot name an entry. */
const MAX_LEDGER_ID = 2n ** 63n - 1n;

export class LedgerQueryDto {
  /** The `next_cursor` of the previous page. */
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be the next_cursor of a previous page' })
  @ValidateBy(
    {
      name: 'isLedgerId',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_LEDGER_ID,
      },
    },
    { message: 'cursor must be the next_cursor of a previous page' },
  )
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100)
  limit?: number;
}
