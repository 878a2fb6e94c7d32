import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateCreditDto {
  /** A decimal string: JSON numbers are refused, as money never travels as a float. */
  @IsString({ message: 'amount must be a decimal string such as "10.00"' })
  @Matches(/^\d{1,20}(\.\d{1,18})?$/, {
    message: 'amount must be a positive decimal string such as "10.00" (at most 18 decimals)',
  })
  amount!: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
