import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { AccountStatus } from '@app/database';

export class UpdateAccountDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  /** A suspended account's keys are refused (403) on every gateway from the next request on. */
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: AccountStatus;
}
