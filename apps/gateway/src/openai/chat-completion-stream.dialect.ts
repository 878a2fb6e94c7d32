import type { MeteredUsage, OpenAiChatChunk } from '@app/llm-formats';
import type { DialectOutput, StreamDialect } from '../inference/stream-dialect';

export interface ChatCompletionStreamOptions {
  requestId: string;
  /** The client asked for `stream_options.include_usage`: forward the usage chunk. */
  clientWantsUsage: boolean;
  /** The decimal-string cost of a usage, added to the usage chunk as `usage.cost`. */
  costOf(usage: MeteredUsage): string;
}

const BROKEN_STREAM = `data: ${JSON.stringify({ error: { message: 'The upstream stream ended abnormally.', type: 'upstream_error', code: 'upstream_error' } })}\n\n`;

/**
 * OpenAI's chat completion stream, as the client sees it: the upstream's chunks passed on
 * with the request id as chunk id and `usage.cost` on the usage chunk; the usage chunk only
 * when the client asked for it (the gateway always asks, on its behalf).
 */
export class ChatCompletionStreamDialect implements StreamDialect {
  private sawDone = false;

  constructor(private readonly options: ChatCompletionStreamOptions) {}

  chunk(chunk: OpenAiChatChunk, usage: MeteredUsage | undefined): DialectOutput {
    const { clientWantsUsage } = this.options;
    const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
    const forwarded: Record<string, unknown> = { ...chunk };
    if (usage) {
      if (!clientWantsUsage && choices.length === 0) return { text: '' };
      if (clientWantsUsage) forwarded.usage = { ...chunk.usage, cost: this.options.costOf(usage) };
    }
    // The gateway asked for usage on the client's behalf: don't show fields it didn't ask for.
    if (!clientWantsUsage) delete forwarded.usage;
    forwarded.id = this.options.requestId;
    return { text: `data: ${JSON.stringify(forwarded)}\n\n` };
  }

  /** Not ours to judge: passed on as it came. */
  malformed(data: string): DialectOutput {
    return { text: `data: ${data}\n\n` };
  }

  done(): DialectOutput {
    this.sawDone = true;
    return { text: 'data: [DONE]\n\n' };
  }

  end(broken: boolean): DialectOutput {
    return { text: broken && !this.sawDone ? BROKEN_STREAM : '' };
  }
}
