import { applyDecorators } from '@nestjs/common';
import { IsString, Matches } from 'class-validator';

/**
 * A non-negative money amount as a decimal string ("10.00"): JSON numbers are refused,
 * as money never travels as a float.
 */
export const IsMoneyString = (field: string) =>
  applyDecorators(
    IsString({ message: `${field} must be a decimal string such as "10.00"` }),
    Matches(/^\d{1,20}(\.\d{1,18})?$/, {
      message: `${field} must be a non-negative decimal string such as "10.00" (at most 18 decimals)`,
    }),
  );
