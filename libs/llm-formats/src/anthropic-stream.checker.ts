import type { AnthropicStreamEvent } from './anthropic.types';

/** The delta types allowed in each kind of content block. */
const DELTAS_BY_BLOCK: Record<string, readonly string[]> = {
  text: ['text_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  tool_use: ['input_json_delta'],
};

/**
 * Lists every way a sequence of stream events breaks the Messages API streaming protocol, for
 * tests of the translator and of the HTTP layer that sends its output.
 *
 * Rules: `message_start` first and once; `message_stop` last and once (or an `error` event,
 * which ends the stream); content blocks indexed 0, 1, 2, ... in start order, never
 * overlapping, each stopped exactly once; deltas only inside the open block and of its kind;
 * `message_delta` once, after the last block stopped and before `message_stop`.
 *
 * @param events - The events in the order they were sent.
 * @returns Human-readable problems; empty when the sequence is well-formed.
 */
export function checkAnthropicEventSequence(events: readonly AnthropicStreamEvent[]): string[] {
  const problems: string[] = [];
  let open: { index: number; type: string } | undefined;
  let blocksStarted = 0;
  let sawStart = false;
  let sawDelta = false;
  let ended = false;

  events.forEach((event, position) => {
    const at = `event ${position} (${event.type})`;
    if (ended) problems.push(`${at}: comes after the end of the stream`);
    if (!sawStart && event.type !== 'message_start') {
      problems.push(`${at}: the stream must begin with message_start`);
    }
    switch (event.type) {
      case 'message_start':
        if (sawStart) problems.push(`${at}: message_start sent twice`);
        sawStart = true;
        break;
      case 'ping':
        break;
      case 'content_block_start':
        if (sawDelta) problems.push(`${at}: block started after message_delta`);
        if (open !== undefined) problems.push(`${at}: block ${open.index} is still open`);
        if (event.index !== blocksStarted) {
          problems.push(`${at}: index ${event.index}, expected ${blocksStarted}`);
        }
        open = { index: event.index, type: event.content_block.type };
        blocksStarted++;
        break;
      case 'content_block_delta':
        if (open?.index !== event.index) {
          problems.push(`${at}: delta for block ${event.index}, which is not open`);
        } else if (!(DELTAS_BY_BLOCK[open.type] ?? []).includes(event.delta.type)) {
          problems.push(`${at}: ${event.delta.type} inside a ${open.type} block`);
        }
        break;
      case 'content_block_stop':
        if (open?.index !== event.index) {
          problems.push(`${at}: stop for block ${event.index}, which is not open`);
        }
        open = undefined;
        break;
      case 'message_delta':
        if (sawDelta) problems.push(`${at}: message_delta sent twice`);
        if (open !== undefined) problems.push(`${at}: block ${open.index} is still open`);
        sawDelta = true;
        break;
      case 'message_stop':
        if (!sawDelta) problems.push(`${at}: message_stop without message_delta`);
        if (open !== undefined) problems.push(`${at}: block ${open.index} is still open`);
        ended = true;
        break;
      case 'error':
        ended = true;
        break;
    }
  });
  if (events.length === 0) problems.push('the stream is empty');
  else if (!ended) problems.push('the stream does not end with message_stop or error');
  return problems;
}
