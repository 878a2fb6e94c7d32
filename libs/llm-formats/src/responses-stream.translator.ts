import { readFirstChoiceOfChunk } from './openai-content.reader';
import type { OpenAiChatChunk, OpenAiToolCallDelta, OpenAiUsage } from './openai.types';
import {
  functionCallItem,
  incompleteDetailsOf,
  messageItem,
  outputText,
  reasoningItem,
  responsesShell,
  responsesStatus,
  toResponsesUsage,
  type OpenAiToResponsesOptions,
} from './responses-response.translator';
import { customToolCallItem, customToolInput, customToolNames } from './responses-custom-tool';
import type {
  ResponsesOutputCustomToolCall,
  ResponsesOutputFunctionCall,
  ResponsesOutputItem,
  ResponsesRequest,
  ResponsesResponse,
  ResponsesStreamEvent,
  ResponsesUsage,
} from './responses.types';

/** What the stream needs besides the request. */
export interface OpenAiToResponsesStreamOptions extends OpenAiToResponsesOptions {
  /** Input tokens to report if the upstream never reports usage. */
  estimatedInputTokens: number;
}

/** An event before its sequence number is assigned. */
type Unnumbered = ResponsesStreamEvent extends infer E
  ? E extends ResponsesStreamEvent
    ? Omit<E, 'sequence_number'>
    : never
  : never;

/** The one output item that may be open at a time. */
type OpenItem =
  | { kind: 'message' | 'reasoning'; index: number; id: string; text: string }
  | {
      kind: 'function';
      index: number;
      key: string;
      position: number;
      upstreamId: string | undefined;
      name: string;
      text: string;
      /** A custom tool: its input is sent whole when the call ends, not as JSON fragments. */
      custom: boolean;
    };

/** Same ratio as the token estimate, for streams whose upstream never reports usage. */
const CHARS_PER_TOKEN = 4;

/**
 * Turns the chunks of a streamed Chat Completions response into the events of a streamed
 * Responses API response, one chunk at a time.
 *
 * The output is always well-formed: `response.created` and `response.in_progress` first; then
 * output items, each added, filled (`output_text.delta`, `reasoning_text.delta`,
 * `function_call_arguments.delta`) and done before the next one is added; then
 * `response.completed` (or `response.incomplete` after a `length` finish) carrying the whole
 * output and the usage, exactly once. Every event has a `sequence_number`, from 0, without
 * gaps. Because OpenAI sends usage in a chunk after the finish reason, the last event is held
 * back until both are known or {@link OpenAiToResponsesStream.finish} is called.
 */
export class OpenAiToResponsesStream {
  private sequence = 0;
  private started = false;
  private ended = false;
  private open: OpenItem | undefined;
  private readonly output: ResponsesOutputItem[] = [];
  private readonly closedToolKeys = new Set<string>();
  private toolCount = 0;
  private finishReason: string | undefined;
  private usage: OpenAiUsage | undefined;
  private streamedChars = 0;
  private readonly customTools: ReadonlySet<string>;

  constructor(
    private readonly request: ResponsesRequest,
    private readonly options: OpenAiToResponsesStreamOptions,
  ) {
    this.customTools = customToolNames(request);
  }

  /** Whether the terminal event has been emitted. */
  get isFinished(): boolean {
    return this.ended;
  }

  /**
   * Translates one upstream chunk.
   *
   * @param chunk - A parsed `data:` payload (see `OpenAiSseParser`).
   * @returns The events to send, possibly none.
   */
  push(chunk: OpenAiChatChunk): ResponsesStreamEvent[] {
    if (this.ended) return [];
    const events: Unnumbered[] = this.start();
    const read = readFirstChoiceOfChunk(chunk);
    if (read.reasoning !== '') this.appendText('reasoning', read.reasoning, events);
    for (const text of read.texts) this.appendText('message', text, events);
    for (const call of read.toolCalls) this.appendToolCall(call, events);
    if (read.finishReason !== undefined) {
      this.finishReason = read.finishReason;
      this.closeOpen(events);
    }
    if (read.usage !== undefined) this.usage = read.usage;
    if (this.finishReason !== undefined && this.usage !== undefined) events.push(...this.end());
    return this.number(events);
  }

  /**
   * Ends the stream when the upstream is done, whatever it sent: closes the open item and
   * emits the terminal event unless already emitted. Without usage, input tokens are the
   * estimate and output tokens are estimated from the streamed characters.
   */
  finish(): ResponsesStreamEvent[] {
    if (this.ended) return [];
    return this.number([...this.start(), ...this.end()]);
  }

  /**
   * Ends the stream with `response.failed` after an upstream failure, closing the open item.
   *
   * @param message - Safe to show to the client.
   */
  fail(message: string): ResponsesStreamEvent[] {
    if (this.ended) return [];
    const events: Unnumbered[] = this.start();
    this.closeOpen(events);
    this.ended = true;
    events.push({
      type: 'response.failed',
      response: {
        ...this.snapshot('failed'),
        error: { code: 'server_error', message },
        output: [...this.output],
        usage: this.finalUsage(),
      },
    });
    return this.number(events);
  }

  private start(): Unnumbered[] {
    if (this.started) return [];
    this.started = true;
    const response = this.snapshot('in_progress');
    return [
      { type: 'response.created', response },
      { type: 'response.in_progress', response },
    ];
  }

  private end(): Unnumbered[] {
    const events: Unnumbered[] = [];
    this.closeOpen(events);
    this.ended = true;
    const status = responsesStatus(this.finishReason);
    events.push({
      type: status === 'incomplete' ? 'response.incomplete' : 'response.completed',
      response: {
        ...this.snapshot(status),
        incomplete_details: incompleteDetailsOf(this.finishReason),
        output: [...this.output],
        usage: this.finalUsage(),
      },
    });
    return events;
  }

  private snapshot(status: ResponsesResponse['status']): ResponsesResponse {
    return responsesShell(this.request, this.options, status);
  }

  private finalUsage(): ResponsesUsage {
    if (this.usage !== undefined) return toResponsesUsage(this.usage);
    const input = this.options.estimatedInputTokens;
    const output = Math.ceil(this.streamedChars / CHARS_PER_TOKEN);
    return toResponsesUsage({ prompt_tokens: input, completion_tokens: output });
  }

  private appendText(kind: 'message' | 'reasoning', text: string, events: Unnumbered[]): void {
    if (this.open?.kind !== kind) this.openText(kind, events);
    const open = this.open as Extract<OpenItem, { kind: 'message' | 'reasoning' }>;
    open.text += text;
    this.streamedChars += text.length;
    const at = { item_id: open.id, output_index: open.index, content_index: 0 };
    events.push(
      kind === 'message'
        ? { type: 'response.output_text.delta', ...at, delta: text, logprobs: [] }
        : { type: 'response.reasoning_text.delta', ...at, delta: text },
    );
  }

  private openText(kind: 'message' | 'reasoning', events: Unnumbered[]): void {
    this.closeOpen(events);
    const index = this.output.length;
    const item =
      kind === 'message'
        ? messageItem(this.options.responseId, index, '', 'in_progress')
        : reasoningItem(this.options.responseId, index, '', 'in_progress');
    this.open = { kind, index, id: item.id, text: '' };
    const part =
      kind === 'message' ? outputText('') : { type: 'reasoning_text' as const, text: '' };
    events.push(
      { type: 'response.output_item.added', output_index: index, item },
      {
        type: 'response.content_part.added',
        item_id: item.id,
        output_index: index,
        content_index: 0,
        part,
      },
    );
  }

  private appendToolCall(call: OpenAiToolCallDelta, events: Unnumbered[]): void {
    const key = this.toolKey(call);
    if (this.closedToolKeys.has(key)) return;
    if (this.open?.kind !== 'function' || this.open.key !== key) {
      this.closeOpen(events);
      const index = this.output.length;
      const position = this.toolCount++;
      const name = call.function?.name ?? '';
      const open: OpenItem = {
        kind: 'function',
        index,
        key,
        position,
        upstreamId: call.id,
        name,
        text: '',
        custom: this.customTools.has(name),
      };
      this.open = open;
      events.push({
        type: 'response.output_item.added',
        output_index: index,
        item: this.functionItem(open, 'in_progress'),
      });
    }
    const open = this.open;
    const fragment = call.function?.arguments;
    if (typeof fragment === 'string' && fragment !== '') {
      open.text += fragment;
      this.streamedChars += fragment.length;
      // A custom tool's input is inside the JSON arguments: it is sent once they are whole.
      if (open.custom) return;
      events.push({
        type: 'response.function_call_arguments.delta',
        item_id: this.functionItem(open, 'in_progress').id,
        output_index: open.index,
        delta: fragment,
      });
    }
  }

  private functionItem(
    open: Extract<OpenItem, { kind: 'function' }>,
    status: 'in_progress' | 'completed',
  ): ResponsesOutputFunctionCall | ResponsesOutputCustomToolCall {
    const { responseId } = this.options;
    if (open.custom) {
      const input = status === 'completed' ? customToolInput(open.text) : '';
      return customToolCallItem(
        responseId,
        open.position,
        open.upstreamId,
        open.name,
        input,
        status,
      );
    }
    return functionCallItem(
      responseId,
      open.position,
      open.upstreamId,
      open.name,
      open.text,
      status,
    );
  }

  /** Which tool call a fragment belongs to; a fragment with neither index nor id continues. */
  private toolKey(call: OpenAiToolCallDelta): string {
    if (typeof call.index === 'number') return `index:${call.index}`;
    if (typeof call.id === 'string' && call.id !== '') return `id:${call.id}`;
    return this.open?.kind === 'function' ? this.open.key : `position:${this.toolCount}`;
  }

  private closeOpen(events: Unnumbered[]): void {
    const open = this.open;
    if (open === undefined) return;
    this.open = undefined;
    const { responseId } = this.options;
    const at = { output_index: open.index };
    if (open.kind === 'function') {
      this.closedToolKeys.add(open.key);
      const item = this.functionItem(open, 'completed');
      if (item.type === 'custom_tool_call') {
        events.push(
          {
            type: 'response.custom_tool_call_input.delta',
            item_id: item.id,
            ...at,
            delta: item.input,
          },
          {
            type: 'response.custom_tool_call_input.done',
            item_id: item.id,
            ...at,
            input: item.input,
          },
        );
      } else {
        events.push({
          type: 'response.function_call_arguments.done',
          item_id: item.id,
          ...at,
          name: item.name,
          arguments: item.arguments,
        });
      }
      events.push({ type: 'response.output_item.done', ...at, item });
      this.output.push(item);
      return;
    }
    const within = { item_id: open.id, ...at, content_index: 0 };
    const item =
      open.kind === 'message'
        ? messageItem(responseId, open.index, open.text, 'completed')
        : reasoningItem(responseId, open.index, open.text, 'completed');
    const part = item.content[0];
    events.push(
      open.kind === 'message'
        ? { type: 'response.output_text.done', ...within, text: open.text, logprobs: [] }
        : { type: 'response.reasoning_text.done', ...within, text: open.text },
      { type: 'response.content_part.done', ...within, part },
      { type: 'response.output_item.done', ...at, item },
    );
    this.output.push(item);
  }

  private number(events: Unnumbered[]): ResponsesStreamEvent[] {
    return events.map((event) => ({ ...event, sequence_number: this.sequence++ }));
  }
}
