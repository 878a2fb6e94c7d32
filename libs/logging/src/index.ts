export { JsonLogger } from './json.logger';
export { currentRequestId, runWithRequestId } from './request-context';
