import type {
  presentAccount,
  presentApiKey,
  presentGeneration,
  presentGenerationSummary,
  presentLedgerEntry,
  presentLowBalanceAlert,
} from '../../accounts/account.presenter';
import type { ChartData } from './spend-chart';

/** The pages show what the customer API answers, field for field: these are its shapes. */
export type AccountView = ReturnType<typeof presentAccount>;
export type KeyView = ReturnType<typeof presentApiKey>;
/** The provider that served a request, once usage records name one (issue 12). */
interface ServedBy {
  provider?: string | null;
}
export type GenerationView = ReturnType<typeof presentGeneration> & ServedBy;
export type GenerationSummaryView = ReturnType<typeof presentGenerationSummary> & ServedBy;
export type LedgerEntryView = ReturnType<typeof presentLedgerEntry>;
export type AlertView = ReturnType<typeof presentLowBalanceAlert>;

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Everything the overview shows, for one signed-in session. */
export interface Overview {
  account: AccountView;
  csrfToken: string;
  /** Only a management key may see and change the account's keys, as in the API. */
  canManage: boolean;
  spendByModel: ChartData;
  spendByKey: ChartData;
  requests: Page<GenerationSummaryView>;
  /** Null for an inference key's session. */
  keys: KeyView[] | null;
  ledger: Page<LedgerEntryView>;
  alert: AlertView;
  keyLabel: (keyId: string) => string;
}
