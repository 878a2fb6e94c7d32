import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { KeyScope } from '@app/database';
import { IsMoneyString } from './money-field';

export class CreateCustomerKeyDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsIn(['inference', 'management'])
  scope?: KeyScope;

  /** null or absent: no limit. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsMoneyString('spend_limit')
  spend_limit?: string | null;
}
