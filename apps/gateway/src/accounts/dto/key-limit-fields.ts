import { IsIn, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { SPEND_LIMIT_PERIODS, type SpendLimitPeriod } from '@app/spend-control';
import { IsMoneyString } from './money-field';

/** The limits a customer sets on a key, on creation and on change; null removes one. */
export class KeyLimitFields {
  /** null or absent: no limit. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsMoneyString('spend_limit')
  spend_limit?: string | null;

  /** The spend limit's UTC window (weeks from Monday); null: the limit is for ever. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsIn(SPEND_LIMIT_PERIODS, {
    message: `spend_limit_period must be one of ${SPEND_LIMIT_PERIODS.join(', ')} or null`,
  })
  spend_limit_period?: SpendLimitPeriod | null;

  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsInt({ message: 'requests_per_minute must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  requests_per_minute?: number | null;

  /** Counted at admission: the request's input bound plus its output cap. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsInt({ message: 'tokens_per_minute must be a whole number' })
  @Min(1)
  @Max(2_147_483_647)
  tokens_per_minute?: number | null;
}
