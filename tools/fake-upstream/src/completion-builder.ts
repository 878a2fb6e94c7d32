import { randomUUID } from 'node:crypto';
import type { FakeUsage } from './fake-upstream.types';

/** Usage in the OpenAI wire shape. */
export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
}

/** A tool call to answer with. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** What every completion or chunk of one response shares. */
export interface CompletionContext {
  id: string;
  created: number;
  model: string;
}

// Argument fragments of this size mimic how providers split long JSON across deltas.
const ARGUMENT_FRAGMENT_CHARS = 8;

/** Starts a response for `model`, with a fresh `chatcmpl-` id. */
export function newContext(model: string): CompletionContext {
  return {
    id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
    created: Math.floor(Date.now() / 1000),
    model,
  };
}

/** Makes a tool call with a fresh `call_` id. */
export function newToolCall(name: string, args: string): ToolCall {
  return { id: `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`, name, arguments: args };
}

/** Prompt tokens derived from content size: about four characters per token, at least one. */
export function derivePromptTokens(contentChars: number): number {
  return Math.max(1, Math.ceil(contentChars / 4));
}

/** Completion tokens of a text reply: its whitespace-separated words. */
export function countWords(text: string): number {
  let words = 0;
  for (const word of text.split(/\s+/)) if (word !== '') words += 1;
  return words;
}

/** Completion tokens of a tool call, by the same four-characters rule as the prompt side. */
export function deriveToolCallTokens(call: ToolCall): number {
  return Math.max(1, Math.ceil((call.name.length + call.arguments.length) / 4));
}

/** Converts token counts to the wire shape, with cached tokens only when given. */
export function toWireUsage(usage: FakeUsage): WireUsage {
  const wire: WireUsage = {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
  if (usage.cachedTokens !== undefined) {
    wire.prompt_tokens_details = { cached_tokens: usage.cachedTokens };
  }
  return wire;
}

/**
 * Splits text into word deltas that concatenate back to exactly the text: each delta carries
 * the whitespace before its word, and trailing whitespace rides on the last one.
 */
export function splitIntoDeltas(text: string): string[] {
  const deltas: string[] = text.match(/\s*\S+/g) ?? [];
  const tail = text.slice(deltas.reduce((length, delta) => length + delta.length, 0));
  if (tail !== '') {
    if (deltas.length === 0) deltas.push(tail);
    else deltas[deltas.length - 1] += tail;
  }
  return deltas;
}

function splitArguments(args: string): string[] {
  const fragments: string[] = [];
  for (let start = 0; start < args.length; start += ARGUMENT_FRAGMENT_CHARS) {
    fragments.push(args.slice(start, start + ARGUMENT_FRAGMENT_CHARS));
  }
  return fragments;
}

/** A non-streaming `chat.completion` answering with text. */
export function buildTextCompletion(
  context: CompletionContext,
  text: string,
  usage: FakeUsage,
): object {
  return {
    ...completionHead(context),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: toWireUsage(usage),
  };
}

/** A non-streaming `chat.completion` answering with one tool call. */
export function buildToolCallCompletion(
  context: CompletionContext,
  call: ToolCall,
  usage: FakeUsage,
): object {
  return {
    ...completionHead(context),
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            {
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
            },
          ],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ],
    usage: toWireUsage(usage),
  };
}

function completionHead(context: CompletionContext): object {
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
  };
}

/**
 * Builds the SSE frames of one streamed response. `usage` is undefined when the client did
 * not ask for `stream_options.include_usage`; then no chunk mentions usage at all.
 */
export class StreamFrames {
  private readonly frames: string[] = [];

  constructor(
    private readonly context: CompletionContext,
    private readonly usage: FakeUsage | undefined,
  ) {
    this.delta({ role: 'assistant', content: '' });
  }

  /** Frames answering with `text`, word by word. */
  static forText(context: CompletionContext, text: string, usage?: FakeUsage): string[] {
    const frames = new StreamFrames(context, usage);
    for (const content of splitIntoDeltas(text)) frames.delta({ content });
    return frames.finish('stop');
  }

  /** Frames answering with one tool call, its arguments split into fragments. */
  static forToolCall(context: CompletionContext, call: ToolCall, usage?: FakeUsage): string[] {
    const frames = new StreamFrames(context, usage);
    frames.delta({
      tool_calls: [
        { index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
      ],
    });
    for (const fragment of splitArguments(call.arguments)) {
      frames.delta({ tool_calls: [{ index: 0, function: { arguments: fragment } }] });
    }
    return frames.finish('tool_calls');
  }

  private delta(delta: object, finishReason: string | null = null): void {
    this.push([{ index: 0, delta, logprobs: null, finish_reason: finishReason }], null);
  }

  private finish(finishReason: string): string[] {
    this.delta({}, finishReason);
    if (this.usage !== undefined) this.push([], toWireUsage(this.usage));
    this.frames.push('data: [DONE]\n\n');
    return this.frames;
  }

  // OpenAI sends `usage: null` on every chunk but the last when usage was requested.
  private push(choices: object[], usage: WireUsage | null): void {
    const chunk: Record<string, unknown> = {
      id: this.context.id,
      object: 'chat.completion.chunk',
      created: this.context.created,
      model: this.context.model,
      choices,
    };
    if (this.usage !== undefined) chunk.usage = usage;
    this.frames.push(`data: ${JSON.stringify(chunk)}\n\n`);
  }
}
