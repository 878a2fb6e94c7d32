import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsMoneyString } from '../../accounts/dto/money-field';
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

  /** Below this balance, one signed webhook per crossing; null turns the alert off. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsMoneyString('low_balance_threshold')
  low_balance_threshold?: string | null;

  /** Where the low-balance webhook is POSTed; null removes it. */
  @ValidateIf((_object, value) => value !== null)
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_tld: false, require_protocol: true },
    { message: 'webhook_url must be an http(s) URL' },
  )
  webhook_url?: string | null;
}
