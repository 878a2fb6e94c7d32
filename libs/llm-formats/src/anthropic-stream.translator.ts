import type {
  AnthropicContentBlockStartEvent,
  AnthropicContentDelta,
  AnthropicMessageDeltaUsage,
  AnthropicStreamEvent,
} from './anthropic.types';
import { readFirstChoiceOfChunk } from './openai-content.reader';
import { estimateTokensOfCharacters } from './token-count.estimator';
import { toAnthropicStopReason, toAnthropicUsage, toolUseId } from './openai-response.translator';
import type { OpenAiChatChunk, OpenAiToolCallDelta, OpenAiUsage } from './openai.types';

/** What the stream needs from the original request. */
export interface OpenAiToAnthropicStreamOptions {
  /** The model the client asked for, echoed back instead of the upstream's name. */
  requestModel: string;
  /** The id to give the message (`msg_...`). */
  messageId: string;
  /** Input tokens announced by `message_start`, before the upstream reports the real count. */
  estimatedInputTokens: number;
}

/** The single content block that may be open at a time (Anthropic blocks never interleave). */
type OpenBlock =
  { kind: 'text' | 'thinking'; index: number } | { kind: 'tool'; index: number; key: string };

/**
 * Turns the chunks of a streamed Chat Completions response into the events of a streamed
 * Messages API response, one chunk at a time.
 *
 * The output is always well-formed: `message_start` and a `ping` first; content blocks with
 * increasing indices, each started, filled and stopped before the next one starts; then
 * `message_delta` and `message_stop`, exactly once. Because OpenAI sends usage in a separate
 * chunk after the finish reason, `message_delta` is held back until both are known or
 * {@link OpenAiToAnthropicStream.finish} is called. Chunks after `message_stop` are ignored.
 *
 * Tool call fragments are keyed by their `index` (or `id` when an upstream omits the index).
 * Anthropic cannot reopen a closed block, so fragments of a tool call whose block was already
 * closed by another one are dropped; OpenAI-dialect upstreams stream calls one after another.
 */
export class OpenAiToAnthropicStream {
  private started = false;
  private ended = false;
  private nextIndex = 0;
  private open: OpenBlock | undefined;
  private readonly closedToolKeys = new Set<string>();
  private toolCount = 0;
  /** `undefined` until the upstream sends a finish reason. */
  private finishReason: string | undefined;
  private usage: OpenAiUsage | undefined;
  /** Characters streamed so far, to estimate output tokens when usage never arrives. */
  private streamedChars = 0;

  constructor(private readonly options: OpenAiToAnthropicStreamOptions) {}

  /** Whether `message_stop` has been emitted. */
  get isFinished(): boolean {
    return this.ended;
  }

  /**
   * Translates one upstream chunk.
   *
   * @param chunk - A parsed `data:` payload (see `OpenAiSseParser`).
   * @returns The events to send, possibly none.
   */
  push(chunk: OpenAiChatChunk): AnthropicStreamEvent[] {
    if (this.ended) return [];
    const events = this.start();
    const read = readFirstChoiceOfChunk(chunk);
    if (read.reasoning !== '') this.append('thinking', read.reasoning, events);
    for (const text of read.texts) this.append('text', text, events);
    for (const call of read.toolCalls) this.appendToolCall(call, events);
    if (read.finishReason !== undefined) {
      this.finishReason = read.finishReason;
      // Close now so the client sees the block end without waiting for the usage chunk.
      this.closeOpenBlock(events);
    }
    if (read.usage !== undefined) this.usage = read.usage;
    if (this.finishReason !== undefined && this.usage !== undefined) events.push(...this.end());
    return events;
  }

  /**
   * Closes the stream when the upstream is done, whatever it sent: closes the open block and
   * emits `message_delta` and `message_stop` unless already emitted. Without a finish reason
   * the stop reason is `tool_use` if tools were called and `end_turn` otherwise; without usage
   * `output_tokens` is estimated from the streamed characters.
   *
   * @returns The closing events; none if the stream was already complete.
   */
  finish(): AnthropicStreamEvent[] {
    if (this.ended) return [];
    const events = this.start();
    events.push(...this.end());
    return events;
  }

  private start(): AnthropicStreamEvent[] {
    if (this.started) return [];
    this.started = true;
    return [
      {
        type: 'message_start',
        message: {
          id: this.options.messageId,
          type: 'message',
          role: 'assistant',
          model: this.options.requestModel,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: this.options.estimatedInputTokens, output_tokens: 0 },
        },
      },
      { type: 'ping' },
    ];
  }

  private end(): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    this.closeOpenBlock(events);
    this.ended = true;
    events.push(
      {
        type: 'message_delta',
        delta: {
          stop_reason: toAnthropicStopReason(this.finishReason, this.toolCount > 0),
          stop_sequence: null,
        },
        usage: this.deltaUsage(),
      },
      { type: 'message_stop' },
    );
    return events;
  }

  private deltaUsage(): AnthropicMessageDeltaUsage {
    if (this.usage === undefined) {
      return { output_tokens: estimateTokensOfCharacters(this.streamedChars) };
    }
    const usage = toAnthropicUsage(this.usage);
    return {
      output_tokens: usage.output_tokens,
      input_tokens: usage.input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
    };
  }

  private append(kind: 'text' | 'thinking', text: string, events: AnthropicStreamEvent[]): void {
    if (this.open?.kind !== kind) {
      this.openBlock(
        kind === 'text'
          ? { type: 'text', text: '' }
          : { type: 'thinking', thinking: '', signature: '' },
        { kind, index: this.nextIndex },
        events,
      );
    }
    this.streamedChars += text.length;
    this.emitDelta(
      kind === 'text' ? { type: 'text_delta', text } : { type: 'thinking_delta', thinking: text },
      events,
    );
  }

  private appendToolCall(call: OpenAiToolCallDelta, events: AnthropicStreamEvent[]): void {
    const key = this.toolKey(call);
    if (this.closedToolKeys.has(key)) return;
    if (this.open?.kind !== 'tool' || this.open.key !== key) {
      const position = this.toolCount++;
      this.openBlock(
        {
          type: 'tool_use',
          id: toolUseId(call.id, this.options.messageId, position),
          name: call.function?.name ?? '',
          input: {},
        },
        { kind: 'tool', index: this.nextIndex, key },
        events,
      );
    }
    const fragment = call.function?.arguments;
    if (typeof fragment === 'string' && fragment !== '') {
      this.streamedChars += fragment.length;
      this.emitDelta({ type: 'input_json_delta', partial_json: fragment }, events);
    }
  }

  /** Which tool call a fragment belongs to; a fragment with neither index nor id continues. */
  private toolKey(call: OpenAiToolCallDelta): string {
    if (typeof call.index === 'number') return `index:${call.index}`;
    if (typeof call.id === 'string' && call.id !== '') return `id:${call.id}`;
    return this.open?.kind === 'tool' ? this.open.key : `position:${this.toolCount}`;
  }

  private openBlock(
    contentBlock: AnthropicContentBlockStartEvent['content_block'],
    block: OpenBlock,
    events: AnthropicStreamEvent[],
  ): void {
    this.closeOpenBlock(events);
    this.open = block;
    this.nextIndex++;
    events.push({ type: 'content_block_start', index: block.index, content_block: contentBlock });
  }

  private emitDelta(delta: AnthropicContentDelta, events: AnthropicStreamEvent[]): void {
    if (this.open === undefined) return;
    events.push({ type: 'content_block_delta', index: this.open.index, delta });
  }

  private closeOpenBlock(events: AnthropicStreamEvent[]): void {
    if (this.open === undefined) return;
    if (this.open.kind === 'tool') this.closedToolKeys.add(this.open.key);
    events.push({ type: 'content_block_stop', index: this.open.index });
    this.open = undefined;
  }
}
