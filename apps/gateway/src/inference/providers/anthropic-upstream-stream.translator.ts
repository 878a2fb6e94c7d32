import type { OpenAiChatChunk } from '@app/llm-formats';
import { isObject } from '../json';
import { finishReasonOf, openAiUsageOf, readAnthropicUsage } from './anthropic-upstream.translator';
import type { UpstreamStreamItem } from './upstream-dialect';

type Json = Record<string, unknown>;

/**
 * Anthropic Messages stream events, one at a time, as the core's items (OpenAI chunks):
 * text and thinking deltas, tool calls with their arguments, the finish reason, and the
 * usage (message_start's input and cache counts with message_delta's output count) in a
 * last chunk, as OpenAI sends it with `include_usage`.
 */
export class AnthropicUpstreamStreamTranslator {
  private id = 'msg';
  private model = '';
  private readonly created = Math.floor(Date.now() / 1000);
  private startUsage: Json = {};
  /** Anthropic block index → OpenAI tool call index. */
  private readonly toolIndex = new Map<number, number>();

  accept(event: Json): UpstreamStreamItem[] {
    switch (event.type) {
      case 'message_start': {
        const message = isObject(event.message) ? event.message : {};
        this.id = typeof message.id === 'string' ? message.id : this.id;
        this.model = typeof message.model === 'string' ? message.model : this.model;
        this.startUsage = isObject(message.usage) ? message.usage : {};
        return [this.chunk({ role: 'assistant', content: '' })];
      }
      case 'content_block_start': {
        const block = isObject(event.content_block) ? event.content_block : {};
        if (block.type !== 'tool_use') return [];
        const index = this.toolIndex.size;
        this.toolIndex.set(Number(event.index), index);
        return [
          this.chunk({
            tool_calls: [
              {
                index,
                id: block.id,
                type: 'function',
                function: { name: block.name, arguments: '' },
              },
            ],
          }),
        ];
      }
      case 'content_block_delta': {
        const delta = isObject(event.delta) ? event.delta : {};
        if (delta.type === 'text_delta') return [this.chunk({ content: delta.text })];
        if (delta.type === 'thinking_delta') {
          return [this.chunk({ reasoning_content: delta.thinking })];
        }
        if (delta.type === 'input_json_delta') {
          const index = this.toolIndex.get(Number(event.index)) ?? 0;
          return [
            this.chunk({ tool_calls: [{ index, function: { arguments: delta.partial_json } }] }),
          ];
        }
        return [];
      }
      case 'message_delta': {
        const delta = isObject(event.delta) ? event.delta : {};
        const finish = this.chunk({}, finishReasonOf(delta.stop_reason));
        const usage = readAnthropicUsage({
          usage: { ...this.startUsage, ...(isObject(event.usage) ? event.usage : {}) },
        });
        if (!usage) return [finish];
        return [finish, { kind: 'chunk', chunk: this.usageChunk(openAiUsageOf(usage)) }];
      }
      case 'message_stop':
        return [{ kind: 'done' }];
      case 'error':
        return [{ kind: 'malformed', data: JSON.stringify(event) }];
      default:
        // ping, content_block_stop, and events added later: nothing to relay.
        return [];
    }
  }

  private chunk(delta: Json, finishReason: string | null = null): UpstreamStreamItem {
    return {
      kind: 'chunk',
      chunk: {
        id: this.id,
        object: 'chat.completion.chunk',
        created: this.created,
        model: this.model,
        choices: [{ index: 0, delta, finish_reason: finishReason }],
      } as unknown as OpenAiChatChunk,
    };
  }

  private usageChunk(usage: Json): OpenAiChatChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [],
      usage,
    } as unknown as OpenAiChatChunk;
  }
}
