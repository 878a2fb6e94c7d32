import { ValidateIf } from 'class-validator';
import { IsMoneyString } from './money-field';

export class LowBalanceAlertDto {
  /** Below this balance, one signed webhook per crossing; null turns the alert off. */
  @ValidateIf((_object, value) => value !== null)
  @IsMoneyString('low_balance_threshold')
  low_balance_threshold!: string | null;
}
