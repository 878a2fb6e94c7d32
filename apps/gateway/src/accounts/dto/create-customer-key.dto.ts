import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { KeyScope } from '@app/database';
import { KeyLimitFields } from './key-limit-fields';

export class CreateCustomerKeyDto extends KeyLimitFields {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsIn(['inference', 'management'])
  scope?: KeyScope;
}
