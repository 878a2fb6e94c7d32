import type { ResponsesStreamEvent } from './responses.types';

/**
 * Frames one Responses API event for a `text/event-stream` body: the event type as the SSE
 * event name, as OpenAI sends it, and the whole event (type included) as data.
 */
export function serializeResponsesEvent(event: ResponsesStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
