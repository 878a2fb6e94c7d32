import type { KeyScope } from '@app/database';

/** The customer key a request authenticated with, and the state of its account. */
export interface AuthenticatedKey {
  keyId: string;
  accountId: string;
  scope: KeyScope;
  /** Balance when the key was looked up, as a decimal string. */
  balance: string;
}
