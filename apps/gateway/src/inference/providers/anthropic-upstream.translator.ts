import type { MeteredUsage } from '@app/llm-formats';
import { isObject } from '../json';

/**
 * OpenAI Chat Completions ⇄ Anthropic Messages, in the direction an Anthropic-dialect
 * upstream needs: a chat request becomes a Messages request; a message (whole or as
 * stream events) becomes a chat completion (or chunks). Pure functions over parsed JSON.
 */

type Json = Record<string, unknown>;

/** An OpenAI chat request body as a Messages request for `model`, capped at `maxTokens` (the held cap), whatever cap the body sets. */
export function chatToMessagesRequest(body: Json, maxTokens: number): Json {
  const system: string[] = [];
  const messages: Array<{ role: 'user' | 'assistant'; content: Json[] }> = [];
  const push = (role: 'user' | 'assistant', blocks: Json[]) => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    // Messages alternate roles: consecutive turns of one role become one.
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  for (const message of Array.isArray(body.messages) ? (body.messages as Json[]) : []) {
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(textOf(message.content));
        break;
      case 'user':
        push('user', contentBlocks(message.content));
        break;
      case 'assistant':
        push('assistant', [
          ...contentBlocks(message.content),
          ...(Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]) : []).map(
            toolUseOf,
          ),
        ]);
        break;
      case 'tool':
        push('user', [
          {
            type: 'tool_result',
            tool_use_id: message.tool_call_id,
            content: textOf(message.content),
          },
        ]);
        break;
    }
  }
  const out: Json = {
    model: body.model,
    messages,
    // The held cap, whatever cap the body carries: never more than is held.
    max_tokens: maxTokens,
  };
  if (system.length > 0) out.system = system.join('\n\n');
  for (const field of ['temperature', 'top_p', 'stream'] as const) {
    if (body[field] !== undefined && body[field] !== null) out[field] = body[field];
  }
  const stop = body.stop;
  if (typeof stop === 'string') out.stop_sequences = [stop];
  else if (Array.isArray(stop)) out.stop_sequences = stop;
  if (Array.isArray(body.tools)) {
    out.tools = (body.tools as Json[]).flatMap((tool) => {
      const fn = tool.function as Json | undefined;
      if (tool.type !== 'function' || !fn) return [];
      return [
        {
          name: fn.name,
          ...(fn.description ? { description: fn.description } : {}),
          input_schema: fn.parameters ?? { type: 'object', properties: {} },
        },
      ];
    });
  }
  const choice = toolChoiceOf(body.tool_choice);
  if (choice) out.tool_choice = choice;
  return out;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Json[])
    .map((part) => (typeof part.text === 'string' ? part.text : ''))
    .join('');
}

function contentBlocks(content: unknown): Json[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return (content as Json[]).flatMap((part) =>
    part.type === 'text' && typeof part.text === 'string'
      ? [{ type: 'text', text: part.text }]
      : [],
  );
}

function toolUseOf(call: Json): Json {
  const fn = (call.function ?? {}) as Json;
  let input: unknown = {};
  try {
    input = JSON.parse(
      typeof fn.arguments === 'string' && fn.arguments !== '' ? fn.arguments : '{}',
    );
  } catch {
    input = {};
  }
  return { type: 'tool_use', id: call.id, name: fn.name, input: isObject(input) ? input : {} };
}

function toolChoiceOf(choice: unknown): Json | undefined {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  if (isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string') {
    return { type: 'tool', name: choice.function.name };
  }
  return undefined;
}

const FINISH: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/** Anthropic's stop reason as OpenAI's finish reason. */
export function finishReasonOf(stopReason: unknown): string | null {
  return typeof stopReason === 'string' ? (FINISH[stopReason] ?? 'stop') : null;
}

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Anthropic usage as metered: input counts cache reads and writes too (they are input the
 * provider bills), cache reads are the cached input, cache writes priced at their own rate.
 * Undefined when there is none.
 */
export function readAnthropicUsage(body: unknown): MeteredUsage | undefined {
  const usage = isObject(body) && isObject(body.usage) ? body.usage : undefined;
  if (!usage || !isCount(usage.input_tokens) || !isCount(usage.output_tokens)) return undefined;
  const read = isCount(usage.cache_read_input_tokens) ? usage.cache_read_input_tokens : 0;
  const written = isCount(usage.cache_creation_input_tokens)
    ? usage.cache_creation_input_tokens
    : 0;
  return {
    inputTokens: usage.input_tokens + read + written,
    outputTokens: usage.output_tokens,
    cachedInputTokens: read,
    cacheWriteInputTokens: written,
    estimated: false,
  };
}

/** Metered usage in OpenAI's shape. */
export function openAiUsageOf(usage: MeteredUsage): Json {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cachedInputTokens,
      ...(usage.cacheWriteInputTokens ? { cache_write_tokens: usage.cacheWriteInputTokens } : {}),
    },
  };
}

/** A whole Anthropic message as an OpenAI chat completion; undefined when it is not one. */
export function messageToChatCompletion(json: unknown): Json | undefined {
  if (!isObject(json) || json.type !== 'message' || !Array.isArray(json.content)) return undefined;
  const blocks = json.content as Json[];
  const text = blocks
    .filter((b) => b.type === 'text')
    .map((b) => b.text as string)
    .join('');
  const thinking = blocks
    .filter((b) => b.type === 'thinking')
    .map((b) => b.thinking as string)
    .join('');
  const toolCalls = blocks
    .filter((b) => b.type === 'tool_use')
    .map((b) => ({
      id: b.id,
      type: 'function',
      function: { name: b.name, arguments: JSON.stringify(b.input ?? {}) },
    }));
  const usage = readAnthropicUsage(json);
  return {
    id: json.id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: json.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          ...(thinking ? { reasoning_content: thinking } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReasonOf(json.stop_reason),
      },
    ],
    ...(usage ? { usage: openAiUsageOf(usage) } : {}),
  };
}
