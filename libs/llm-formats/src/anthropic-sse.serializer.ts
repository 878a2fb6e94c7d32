import type { AnthropicStreamEvent } from './anthropic.types';

/**
 * Formats one event as Anthropic sends it over server-sent events: the event type as the SSE
 * `event` field, the JSON (which never contains a raw newline) as a single `data` line.
 *
 * @param event - The event to send.
 * @returns `event: <type>\ndata: <json>\n\n`.
 */
export function serializeAnthropicEvent(event: AnthropicStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}
