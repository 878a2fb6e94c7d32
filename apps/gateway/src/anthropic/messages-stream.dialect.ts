import {
  isInBandError,
  OpenAiToAnthropicStream,
  serializeAnthropicEvent,
  type AnthropicErrorEvent,
  type AnthropicStreamEvent,
  type OpenAiChatChunk,
} from '@app/llm-formats';
import type { DialectOutput, StreamDialect } from '../inference/stream-dialect';

/** What the translated stream needs to know of the request. */
export interface MessagesStreamOptions {
  /** The Anthropic message id: our request id (see MessagesService). */
  messageId: string;
  /** The model the client asked for, echoed in `message_start`. */
  requestModel: string;
  /** Input tokens announced by `message_start`, before the upstream reports its count. */
  estimatedInputTokens: number;
}

// The upstream's own failure text is not passed on: it can name hosts or hold keys.
const BROKEN_STREAM: AnthropicErrorEvent = {
  type: 'error',
  error: { type: 'api_error', message: 'The upstream stream ended abnormally.' },
};

/**
 * Anthropic's Messages stream, as the client sees it: each upstream chunk translated into
 * Anthropic events (a malformed upstream event or `[DONE]` writes nothing); a broken upstream ends the client's stream with an Anthropic `error`
 * event, unless `message_stop` was already sent (the client then has its whole answer).
 */
export class MessagesStreamDialect implements StreamDialect {
  private readonly translator: OpenAiToAnthropicStream;
  private failed = false;

  constructor(options: MessagesStreamOptions) {
    this.translator = new OpenAiToAnthropicStream(options);
  }

  chunk(chunk: OpenAiChatChunk): DialectOutput {
    if (isInBandError(chunk)) {
      // A failure reported in-band: tell the client now; the relay reads on for the usage.
      return { ...this.fail(), broken: true };
    }
    return events(this.translator.push(chunk));
  }

  end(broken: boolean): DialectOutput {
    if (broken && !this.translator.isFinished) return this.fail();
    return events(this.translator.finish());
  }

  private fail(): DialectOutput {
    // After message_stop an error event would break the protocol; after one error, nothing.
    if (this.failed || this.translator.isFinished) return { text: '' };
    this.failed = true;
    return { text: serializeAnthropicEvent(BROKEN_STREAM), last: true };
  }
}

function events(list: AnthropicStreamEvent[]): DialectOutput {
  return { text: list.map(serializeAnthropicEvent).join('') };
}
