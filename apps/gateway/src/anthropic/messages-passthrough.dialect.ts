import { serializeAnthropicEvent, type AnthropicStreamEvent } from '@app/llm-formats';
import type { DialectOutput, StreamDialect } from '../inference/stream-dialect';

/** What the passed-through stream says of the request. */
export interface MessagesPassthroughOptions {
  /** The message id the client sees: our request id (see MessagesService). */
  messageId: string;
  /** The model the client asked for, rather than the provider's own id. */
  requestModel: string;
}

/**
 * Anthropic's Messages stream served by an Anthropic-dialect provider, passed through: every
 * event as the provider sent it (thinking and its signatures, tool blocks, cache usage),
 * but `message_start` names our request id and the client's model, and an in-band error is
 * passed on by its type only (the provider's text can name hosts or hold keys). A broken
 * upstream ends the client's stream with an `error` event unless `message_stop` was sent.
 */
export class MessagesPassthroughDialect implements StreamDialect {
  private stopped = false;
  private failed = false;

  constructor(private readonly options: MessagesPassthroughOptions) {}

  event(event: Record<string, unknown>): DialectOutput {
    if (this.failed) return { text: '' };
    switch (event.type) {
      case 'message_start': {
        const message = { ...(event.message as Record<string, unknown>) };
        message.id = this.options.messageId;
        message.model = this.options.requestModel;
        return this.write({ ...event, message });
      }
      case 'message_stop':
        this.stopped = true;
        return this.write(event);
      case 'error': {
        const error = event.error as { type?: unknown } | undefined;
        const type = typeof error?.type === 'string' ? error.type : 'api_error';
        return { ...this.fail(type), broken: true };
      }
      default:
        return this.write(event);
    }
  }

  /** Never sent for a native stream: nothing to write. */
  chunk(): DialectOutput {
    return { text: '' };
  }

  end(broken: boolean): DialectOutput {
    return broken && !this.stopped ? this.fail('api_error') : { text: '' };
  }

  private write(event: Record<string, unknown>): DialectOutput {
    return { text: serializeAnthropicEvent(event as unknown as AnthropicStreamEvent) };
  }

  private fail(type: string): DialectOutput {
    // After message_stop an error event would break the protocol; after one error, nothing.
    if (this.failed || this.stopped) return { text: '' };
    this.failed = true;
    const event = {
      type: 'error',
      error: { type, message: 'The upstream stream ended abnormally.' },
    };
    return { text: this.write(event).text, last: true };
  }
}
