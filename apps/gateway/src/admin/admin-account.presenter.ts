import type { Account } from '@app/database';
import { formatMoney, Money, toMoney } from '@app/pricing';
import { presentAccount } from '../accounts/account.presenter';

/** An account as the operator sees it: the customer's view plus its alert settings. */
export function presentAdminAccount(account: Account, heldAmount: Money = new Money(0)) {
  return {
    ...presentAccount(account, heldAmount),
    low_balance_threshold:
      account.lowBalanceThreshold === null
        ? null
        : formatMoney(toMoney(account.lowBalanceThreshold)),
    webhook_url: account.webhookUrl,
    webhook_secret: account.webhookSecret,
  };
}
