import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { KeyLimitFields } from './key-limit-fields';

export class UpdateCustomerKeyDto extends KeyLimitFields {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
