import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateCreditDto {
  /**
   * A signed decimal string: positive is a top-up, negative a correction (an adjustment,
   * which needs a note). JSON numbers are refused: money never travels as a float.
   */
  @IsString({ message: 'amount must be a decimal string such as "10.00"' })
  @Matches(/^-?\d{1,20}(\.\d{1,18})?$/, {
    message: 'amount must be a decimal string such as "10.00" or "-2.50" (at most 18 decimals)',
  })
  amount!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
