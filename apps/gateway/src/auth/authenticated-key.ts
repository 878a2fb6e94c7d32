import type { KeyScope } from '@app/database';
import type { Money } from '@app/pricing';
import type { SpendLimitPeriod } from '@app/spend-control';

/** The customer key a request authenticated with, and the limits that apply to it. */
export interface AuthenticatedKey {
  keyId: string;
  accountId: string;
  scope: KeyScope;
  spendLimit: Money | null;
  /** The spend limit's UTC window; null: for ever. */
  spendLimitPeriod: SpendLimitPeriod | null;
  /** Requests per minute. */
  rateLimitPerMinute: number | null;
  tokensPerMinute: number | null;
}
