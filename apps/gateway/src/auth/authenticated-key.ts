import type { KeyScope } from '@app/database';
import type { Money } from '@app/pricing';

/** The customer key a request authenticated with, and the limits that apply to it. */
export interface AuthenticatedKey {
  keyId: string;
  accountId: string;
  scope: KeyScope;
  spendLimit: Money | null;
  rateLimitPerMinute: number | null;
}
