/** Token counts an Anthropic-dialect scenario can force instead of the derived ones. */
export interface FakeAnthropicUsage {
  /** Uncached input tokens, as Anthropic counts them (cache reads and writes excluded). */
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
}

/**
 * How the fake Anthropic upstream answers one Messages request, streaming or not (a
 * stream-only scenario answers a non-streaming request with its nearest equivalent).
 */
export type FakeAnthropicScenario =
  /** A text answer, after a thinking block when `thinking` is set; `delayMs` delays the headers. */
  | {
      kind: 'reply';
      text?: string;
      thinking?: string;
      usage?: FakeAnthropicUsage;
      delayMs?: number;
    }
  /** A `tool_use` block (stop_reason `tool_use`) calling the request's first tool by default. */
  | { kind: 'tool_use'; name?: string; input?: Record<string, unknown>; usage?: FakeAnthropicUsage }
  /** An HTTP error with an Anthropic-shaped body. */
  | { kind: 'error'; status: number; body?: unknown }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Streams message_start and `deltasBeforeBreak` text deltas, then destroys the socket. */
  | { kind: 'broken_stream'; deltasBeforeBreak?: number; usage?: FakeAnthropicUsage };

/** A running fake Anthropic-dialect upstream. */
export interface FakeAnthropicUpstream {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:43123/v1`. */
  readonly url: string;
  /** Every request received, in order: method, path, lower-cased headers, parsed body. */
  readonly requests: Array<{
    method: string;
    path: string;
    headers: Record<string, string | string[] | undefined>;
    body: unknown;
  }>;
  setDefault(scenario: FakeAnthropicScenario): void;
  enqueue(...scenarios: FakeAnthropicScenario[]): void;
  reset(): void;
  close(): Promise<void>;
}
