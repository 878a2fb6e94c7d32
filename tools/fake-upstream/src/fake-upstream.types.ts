/** Token counts a scenario can force instead of the derived, deterministic ones. */
export interface FakeUsage {
  promptTokens: number;
  completionTokens: number;
  /** Reported as `prompt_tokens_details.cached_tokens` only when set. */
  cachedTokens?: number;
}

/**
 * How the fake upstream answers one chat completion request.
 *
 * Scenarios apply to both streaming and non-streaming requests. Where a scenario only makes
 * sense for streams, a non-streaming request gets the closest equivalent: `slow_stream` waits
 * `chunks * chunkDelayMs` before answering, `broken_stream` drops the connection unanswered.
 */
export type FakeScenario =
  /** A normal answer; `delayMs` delays the response headers. */
  | { kind: 'reply'; text?: string; usage?: FakeUsage; delayMs?: number }
  /** An answer with `tool_calls` and finish_reason `tool_calls`. */
  | { kind: 'tool_call'; name?: string; arguments?: string; usage?: FakeUsage }
  /** An HTTP error with a JSON body (an OpenAI-shaped server error by default). */
  | { kind: 'error'; status: number; body?: unknown }
  /** Accepts the request and never answers, to exercise upstream timeouts. */
  | { kind: 'hang' }
  /** Streams some chunks then destroys the socket, without usage or `[DONE]`. */
  | { kind: 'broken_stream'; chunksBeforeBreak?: number }
  /** Answers 200 and half of a whole JSON answer, then destroys the socket. */
  | { kind: 'broken_body' }
  /** Streams `chunks` content deltas, `chunkDelayMs` apart. */
  | { kind: 'slow_stream'; chunkDelayMs: number; chunks?: number; usage?: FakeUsage };

/** One HTTP request as the fake upstream received it. */
export interface ReceivedRequest {
  method: string;
  /** The request target as sent, query string included. */
  path: string;
  /** Lower-cased header names, as Node parses them. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, the raw text when it is not JSON, `undefined` when empty. */
  body: unknown;
  /**
   * Set once the answer was written to its end (the caller consumed it, or the OS took the
   * rest): a caller that stops reading a long answer leaves it unset.
   */
  finished?: boolean;
}

/** A running fake upstream. */
export interface FakeUpstream {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:43123/v1`. */
  readonly url: string;
  /** Every request received, in order (empty when recording is disabled). */
  readonly requests: ReceivedRequest[];
  /** Sets the scenario for all requests from now on. */
  setDefault(scenario: FakeScenario): void;
  /** Queues one-shot scenarios, consumed in order before the default. */
  enqueue(...scenarios: FakeScenario[]): void;
  /** Clears the request log and the queue, and restores the default reply. */
  reset(): void;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
}

/** Options of {@link startFakeUpstream}. */
export interface FakeUpstreamOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; defaults to `127.0.0.1`. */
  host?: string;
  /** Scenario used when the queue is empty; defaults to a normal reply. */
  default?: FakeScenario;
  /**
   * Whether to keep every request in {@link FakeUpstream.requests} (default true). Long-running
   * processes (the dev start, benchmarks) turn it off so memory does not grow without bound.
   */
  recordRequests?: boolean;
}
