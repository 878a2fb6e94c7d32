import { Injectable } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { GenerationsService } from '../accounts/generations.service';
import { KeysService } from '../accounts/keys.service';
import { LedgerService } from '../accounts/ledger.service';
import { UsageService } from '../accounts/usage.service';
import type { SignedIn } from './dashboard-request';
import { spendChart } from './views/spend-chart';
import type { KeyView, Overview } from './views/view-models';

const RECENT_REQUESTS = 10;
const RECENT_LEDGER_ENTRIES = 10;

/** Gathers a page's data from the accounts services: the dashboard has no data logic of its own. */
@Injectable()
export class DashboardPageService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly keys: KeysService,
    private readonly usage: UsageService,
    private readonly ledger: LedgerService,
    private readonly generations: GenerationsService,
  ) {}

  async overview(signedIn: SignedIn): Promise<Overview> {
    const accountId = signedIn.key.accountId;
    const canManage = signedIn.key.scope === 'management';
    const [account, byModel, byKey, requests, keys, ledger, alert] = await Promise.all([
      this.accounts.getAccount(accountId),
      this.usage.dailySpend(accountId, 'model'),
      this.usage.dailySpend(accountId, 'key'),
      this.generations.page(accountId, { limit: RECENT_REQUESTS }),
      canManage ? this.keys.list(accountId).then((list) => list.data) : Promise.resolve(null),
      this.ledger.page(accountId, { limit: RECENT_LEDGER_ENTRIES }),
      this.accounts.getLowBalanceAlert(accountId),
    ]);
    const keyLabel = labeller(keys);
    return {
      account,
      csrfToken: signedIn.session.csrfToken,
      canManage,
      spendByModel: spendChart(byModel, (model) => model),
      spendByKey: spendChart(byKey, keyLabel),
      requests,
      keys,
      ledger,
      alert,
      keyLabel,
    };
  }

  /** How a key is named on the pages: its name and prefix when the session may list keys. */
  async keyLabeller(signedIn: SignedIn): Promise<(keyId: string) => string> {
    if (signedIn.key.scope !== 'management') return labeller(null);
    return labeller((await this.keys.list(signedIn.key.accountId)).data);
  }
}

/** An inference key's session sees key ids only, as the API shows it (it may not list keys). */
function labeller(keys: KeyView[] | null): (keyId: string) => string {
  const names = new Map((keys ?? []).map((key) => [key.id, `${key.name} (${key.prefix}…)`]));
  return (keyId) => names.get(keyId) ?? keyId;
}
