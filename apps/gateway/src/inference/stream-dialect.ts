import type { MeteredUsage, OpenAiChatChunk } from '@app/llm-formats';

/** What a surface writes for one upstream item, and what that means for the stream. */
export interface DialectOutput {
  /** Text to write to the client; '' writes nothing. */
  text: string;
  /** The upstream failed (e.g. an in-band error): the call's stream counts as broken. */
  broken?: boolean;
  /** The client's stream ends here; the relay still reads the upstream to its end. */
  last?: boolean;
}

/**
 * How one client surface speaks a stream (OpenAI chunks, Anthropic events, ...). The one
 * relay (StreamRelay) reads the upstream, meters it and writes what the dialect returns;
 * the dialect owns only the wire format the client sees.
 */
export interface StreamDialect {
  /** One upstream chunk; `usage` is the usage it reports, if any (already metered). */
  chunk(chunk: OpenAiChatChunk, usage: MeteredUsage | undefined): DialectOutput;
  /**
   * An upstream event already in the client's dialect (a native pass-through); dialects that
   * translate chunks never get one.
   */
  event?(event: Record<string, unknown>): DialectOutput;
  /** An upstream event whose data is not a JSON object; absent: skipped, nothing written. */
  malformed?(data: string): DialectOutput;
  /** The upstream said it is done (`[DONE]`); absent: nothing written. */
  done?(): DialectOutput;
  /** The upstream body ended, `broken` when it ended badly (no end marker and no usage, or a failure). */
  end(broken: boolean): DialectOutput;
}

/** Nothing to write: what the relay takes for an item a dialect does not speak. */
export const NOTHING: DialectOutput = { text: '' };
