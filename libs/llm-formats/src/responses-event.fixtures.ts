import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { Response, ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { ResponsesStreamEvent } from './responses.types';

// Helpers of the Responses stream specs. Not exported by the library.

/** Replays events through the official SDK's accumulator, which throws on a malformed stream. */
export function accumulate(events: ResponsesStreamEvent[]): Response {
  let snapshot: Response | undefined;
  for (const event of events) {
    snapshot = accumulateResponse(event as unknown as ResponseStreamEvent, snapshot);
  }
  if (snapshot === undefined) throw new Error('no events');
  return snapshot;
}
