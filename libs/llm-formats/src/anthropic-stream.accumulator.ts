import type { AnthropicMessage, AnthropicStreamEvent, AnthropicUsage } from './anthropic.types';
import { parseToolArguments } from './openai-response.translator';

/**
 * Rebuilds the complete message a client would assemble from stream events, as the official
 * SDKs do: concatenates the deltas of each block and parses the tool inputs at the end.
 *
 * Used to compare streamed and non-streamed answers, and to record the final message of a
 * stream. Assumes a well-formed sequence (see `checkAnthropicEventSequence`); events of blocks
 * that were never started are ignored.
 *
 * @param events - The events of one stream.
 * @returns The message, with `end_turn` and the start usage when `message_delta` is missing.
 */
export function accumulateAnthropicEvents(
  events: readonly AnthropicStreamEvent[],
): AnthropicMessage {
  const message: AnthropicMessage = {
    id: '',
    type: 'message',
    role: 'assistant',
    model: '',
    content: [],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
  // Tool inputs arrive as JSON fragments; they are only parseable once complete.
  const partialJson = new Map<number, string>();
  const blocks = new Map<number, AnthropicMessage['content'][number]>();
  for (const event of events) {
    switch (event.type) {
      case 'message_start':
        message.id = event.message.id;
        message.model = event.message.model;
        message.usage = { ...message.usage, ...event.message.usage };
        break;
      case 'content_block_start': {
        const block = { ...event.content_block };
        blocks.set(event.index, block);
        message.content.push(block);
        if (block.type === 'tool_use') partialJson.set(event.index, '');
        break;
      }
      case 'content_block_delta': {
        const block = blocks.get(event.index);
        const { delta } = event;
        if (block?.type === 'text' && delta.type === 'text_delta') block.text += delta.text;
        if (block?.type === 'thinking' && delta.type === 'thinking_delta') {
          block.thinking += delta.thinking;
        }
        if (block?.type === 'thinking' && delta.type === 'signature_delta') {
          block.signature += delta.signature;
        }
        if (block?.type === 'tool_use' && delta.type === 'input_json_delta') {
          partialJson.set(event.index, (partialJson.get(event.index) ?? '') + delta.partial_json);
        }
        break;
      }
      case 'content_block_stop': {
        const block = blocks.get(event.index);
        if (block?.type === 'tool_use') {
          block.input = parseToolArguments(partialJson.get(event.index));
        }
        break;
      }
      case 'message_delta':
        message.stop_reason = event.delta.stop_reason;
        message.usage = mergeUsage(message.usage, event.usage);
        break;
      case 'ping':
      case 'message_stop':
      case 'error':
        break;
    }
  }
  return message;
}

function mergeUsage(usage: AnthropicUsage, delta: Partial<AnthropicUsage>): AnthropicUsage {
  return {
    input_tokens: delta.input_tokens ?? usage.input_tokens,
    output_tokens: delta.output_tokens ?? usage.output_tokens,
    cache_creation_input_tokens:
      delta.cache_creation_input_tokens ?? usage.cache_creation_input_tokens,
    cache_read_input_tokens: delta.cache_read_input_tokens ?? usage.cache_read_input_tokens,
  };
}
