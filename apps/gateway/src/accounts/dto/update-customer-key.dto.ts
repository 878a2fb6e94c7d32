import {
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsMoneyString } from './money-field';

export class UpdateCustomerKeyDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  /** null removes the limit. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsMoneyString('spend_limit')
  spend_limit?: string | null;
}
