export { JsonLogger } from './json.logger';
export {
  currentRequestId,
  currentRequestNotes,
  noteOnRequest,
  type RequestNotes,
  runWithRequestId,
} from './request-context';
