export { SpendControlModule } from './spend-control.module';
export {
  SpendControlStore,
  type KeySpend,
  type ReserveRequest,
  type ReserveResult,
  type ReserveStatus,
  type Settlement,
} from './spend-control.store';
export { SPEND_LIMIT_PERIODS, type SpendLimitPeriod, windowStart } from './spend-window';
