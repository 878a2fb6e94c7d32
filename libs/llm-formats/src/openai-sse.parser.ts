import type { OpenAiChatChunk } from './openai.types';

/** What the parser yields: a chunk, or the `[DONE]` sentinel that ends OpenAI streams. */
export type OpenAiSseItem = OpenAiChatChunk | 'done';

/** A `data:` payload that is not a JSON object. */
export class OpenAiSseError extends Error {
  /**
   * @param data - The offending payload, for logs.
   * @param precedingItems - Items decoded from the same input before the bad event, which the
   * caller would otherwise lose with the thrown error.
   */
  constructor(
    readonly data: string,
    readonly precedingItems: OpenAiSseItem[],
  ) {
    super(`Upstream sent an SSE event that is not a JSON object: ${data.slice(0, 200)}`);
    this.name = 'OpenAiSseError';
  }
}

const DONE = '[DONE]';

/**
 * A failure the upstream reported in-band (`data: {"error": {...}}`, no `choices`): the
 * stream is broken even though the transport is fine.
 */
export function isInBandError(chunk: OpenAiChatChunk): boolean {
  return chunk.error !== undefined && chunk.error !== null && !Array.isArray(chunk.choices);
}

/**
 * Incremental parser of an OpenAI-dialect SSE response body.
 *
 * Follows the SSE rules that matter here: lines end with `\n`, `\r\n` or `\r`; a blank line
 * ends an event; lines starting with `:` are comments (keep-alives); several `data` lines of
 * one event are joined with `\n`; events with empty data are skipped; other fields (`event`,
 * `id`, `retry`) are ignored. Input may be split anywhere, even inside a line or a `\r\n` pair.
 *
 * Upstreams report mid-stream failures in-band, as `data: {"error": {...}}`: such objects are
 * yielded like chunks (with an `error` field and no `choices`), for the caller to check.
 */
export class OpenAiSseParser {
  /** Text received but not yet terminated by a line break. */
  private pending = '';
  /** `data` lines of the event being read. */
  private dataLines: string[] = [];

  /**
   * Feeds the next piece of the body.
   *
   * @param text - Decoded text, split anywhere.
   * @returns Every event completed by this piece, in order.
   * @throws {@link OpenAiSseError} if an event's data is neither `[DONE]` nor a JSON object;
   * the parser stays usable and the text after that event is parsed by the next call.
   */
  push(text: string): OpenAiSseItem[] {
    const buffer = this.pending + text;
    const items: OpenAiSseItem[] = [];
    let lineStart = 0;
    for (let i = 0; i < buffer.length; i++) {
      const char = buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      // A trailing `\r` may be the first half of `\r\n`: wait for the next piece to tell.
      if (char === '\r' && i === buffer.length - 1) break;
      const line = buffer.slice(lineStart, i);
      if (char === '\r' && buffer[i + 1] === '\n') i++;
      lineStart = i + 1;
      try {
        this.readLine(line, items);
      } catch (error) {
        // Keep the rest so that the next call (even `push('')`) carries on after the bad event.
        this.pending = buffer.slice(lineStart);
        throw error;
      }
    }
    this.pending = buffer.slice(lineStart);
    return items;
  }

  /**
   * Signals the end of the body: an unterminated last line and an event without its closing
   * blank line are still delivered, since some upstreams omit the final line breaks.
   *
   * @returns The items completed by the end of the body.
   * @throws {@link OpenAiSseError} like {@link OpenAiSseParser.push}.
   */
  end(): OpenAiSseItem[] {
    const items: OpenAiSseItem[] = [];
    const rest = this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending;
    this.pending = '';
    if (rest !== '') this.readLine(rest, items);
    this.dispatch(items);
    return items;
  }

  private readLine(line: string, items: OpenAiSseItem[]): void {
    if (line === '') {
      this.dispatch(items);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    const value = colon === -1 ? '' : line.slice(colon + 1);
    this.dataLines.push(value.startsWith(' ') ? value.slice(1) : value);
  }

  private dispatch(items: OpenAiSseItem[]): void {
    if (this.dataLines.length === 0) return;
    const data = this.dataLines.join('\n');
    this.dataLines = [];
    // The SSE spec dispatches nothing for empty data; some servers use it as a keep-alive.
    if (data.trim() === '') return;
    if (data.trim() === DONE) {
      items.push('done');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new OpenAiSseError(data, [...items]);
    }
    items.push(parsed as OpenAiChatChunk);
  }
}
