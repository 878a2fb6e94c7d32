import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line of a request carries, without passing it around. */
interface RequestContext {
  requestId: string;
  /** What the request's access-log line reports once it is known (the cost of a metered call). */
  notes: RequestNotes;
}

/** Facts about a request learnt while serving it, for its access-log line. */
export interface RequestNotes {
  cost?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `fn` (and everything it awaits) within a request's context. */
export function runWithRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId, notes: {} }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The notes of the request being served, to read when its answer is done. */
export function currentRequestNotes(): RequestNotes | undefined {
  return storage.getStore()?.notes;
}

/** Records a fact about the request being served, if there is one (never a secret, never a body). */
export function noteOnRequest(notes: RequestNotes): void {
  const store = storage.getStore();
  if (store) Object.assign(store.notes, notes);
}
