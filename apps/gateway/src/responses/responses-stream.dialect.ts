import {
  isInBandError,
  OpenAiToResponsesStream,
  serializeResponsesEvent,
  type MeteredUsage,
  type OpenAiChatChunk,
  type OpenAiToResponsesStreamOptions,
  type ResponsesRequest,
  type ResponsesStreamEvent,
} from '@app/llm-formats';
import type { DialectOutput, StreamDialect } from '../inference/stream-dialect';

/** What the translated stream needs besides the request. */
export interface ResponsesStreamDialectOptions extends OpenAiToResponsesStreamOptions {
  /** The decimal-string cost of a usage, added to the final usage as `cost`. */
  costOf(usage: MeteredUsage): string;
}

// The upstream's own failure text is not passed on: it can name hosts or hold keys.
const BROKEN_STREAM = 'The upstream stream ended abnormally.';

/**
 * The Responses API stream, as the client sees it: upstream chunks translated into
 * `response.*` events; the final `response.completed` carries the metered usage and its
 * `cost`; a broken upstream ends the client's stream with `response.failed`, unless the
 * response was already complete.
 */
export class ResponsesStreamDialect implements StreamDialect {
  private readonly translator: OpenAiToResponsesStream;
  private usage: MeteredUsage | undefined;

  constructor(
    request: ResponsesRequest,
    private readonly options: ResponsesStreamDialectOptions,
  ) {
    this.translator = new OpenAiToResponsesStream(request, options);
  }

  chunk(chunk: OpenAiChatChunk, usage: MeteredUsage | undefined): DialectOutput {
    if (usage) this.usage = usage;
    if (isInBandError(chunk)) {
      // A failure reported in-band: tell the client now; the relay reads on for the usage.
      return { ...this.fail(), broken: true };
    }
    return this.write(this.translator.push(chunk));
  }

  end(broken: boolean): DialectOutput {
    if (broken && !this.translator.isFinished) return this.fail();
    return this.write(this.translator.finish());
  }

  private fail(): DialectOutput {
    const events = this.translator.fail(BROKEN_STREAM);
    return events.length === 0 ? { text: '' } : { ...this.write(events), last: true };
  }

  private write(events: ResponsesStreamEvent[]): DialectOutput {
    return { text: events.map((event) => serializeResponsesEvent(this.withCost(event))).join('') };
  }

  /** The final usage is the one we bill, with what it costs (KeepRouter's `usage.cost`). */
  private withCost(event: ResponsesStreamEvent): ResponsesStreamEvent {
    if (event.type !== 'response.completed' && event.type !== 'response.incomplete') return event;
    const usage = this.usage;
    if (usage === undefined || event.response.usage === null) return event;
    const cost = this.options.costOf(usage);
    return { ...event, response: { ...event.response, usage: { ...event.response.usage, cost } } };
  }
}
