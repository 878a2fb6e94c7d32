import type { MeteredUsage } from '@app/llm-formats';
import { isObject } from '../json';
import { readAnthropicUsage } from './anthropic-upstream.translator';
import type { UpstreamStreamItem } from './upstream-dialect';

type Json = Record<string, unknown>;

/**
 * Anthropic Messages stream events, passed through as they are (`kind: 'event'`), each with
 * what the core meters: the usage once `message_delta` completes it (message_start's input
 * and cache counts with message_delta's, cache reads and writes included), and the
 * characters of text, thinking and tool input that came (the basis of an estimate when a
 * stream breaks before its usage).
 */
export class AnthropicNativeStreamReader {
  private startUsage: Json = {};

  accept(event: Json): UpstreamStreamItem {
    let usage: MeteredUsage | undefined;
    let characters = 0;
    switch (event.type) {
      case 'message_start': {
        const message = isObject(event.message) ? event.message : {};
        this.startUsage = isObject(message.usage) ? message.usage : {};
        break;
      }
      case 'content_block_delta': {
        const delta = isObject(event.delta) ? event.delta : {};
        for (const field of ['text', 'thinking', 'partial_json']) {
          const value = delta[field];
          if (typeof value === 'string') characters += value.length;
        }
        break;
      }
      case 'message_delta':
        // Later counts win: message_delta's usage is cumulative.
        usage = readAnthropicUsage({
          usage: { ...this.startUsage, ...(isObject(event.usage) ? event.usage : {}) },
        });
        break;
    }
    return { kind: 'event', event, usage, characters, done: event.type === 'message_stop' };
  }
}
