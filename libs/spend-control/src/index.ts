export { SpendControlModule } from './spend-control.module';
export {
  HOLD_TTL_MS,
  SpendControlStore,
  type ReserveRequest,
  type ReserveStatus,
  type Settlement,
} from './spend-control.store';
