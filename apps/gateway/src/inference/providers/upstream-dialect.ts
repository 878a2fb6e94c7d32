import type { DomainError } from '@app/errors';
import type { MeteredUsage, OpenAiChatChunk } from '@app/llm-formats';

/**
 * A chat request in the core's one form: an OpenAI Chat Completions body (`OpenAiChatRequest`
 * plus whatever unknown fields the client sent, passed on unchanged), the upstream's model
 * id already set. Every surface translates to it; every upstream dialect from it.
 */
export type ChatRequestBody = object;

/** What to send an upstream: a path below its base URL, and the body. */
export interface UpstreamRequest {
  path: string;
  body: unknown;
  /** Headers of the request's own (e.g. `anthropic-beta`); never the provider's key. */
  headers?: Record<string, string>;
}

/** An upstream's answer read whole, its body parsed as JSON (undefined when it was not JSON). */
export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
}

/** One item of an upstream stream, in the core's one form. */
export type UpstreamStreamItem =
  | { kind: 'chunk'; chunk: OpenAiChatChunk }
  /** The upstream said its stream is complete (OpenAI's `[DONE]`). */
  | { kind: 'done' }
  /** An event whose data is not a JSON object: the surface decides to pass it on or not. */
  | { kind: 'malformed'; data: string }
  /**
   * An event in the client's own dialect, passed through (Anthropic Messages served
   * natively), with what it means for metering: the usage it completes, the characters of
   * output it carries, whether it ends the stream.
   */
  | {
      kind: 'event';
      event: Record<string, unknown>;
      usage: MeteredUsage | undefined;
      characters: number;
      done: boolean;
    };

/**
 * One upstream wire dialect (OpenAI-compatible today; Anthropic Messages next): how to
 * authenticate, what to send for a chat request, and how to read what comes back into the
 * core's one form (OpenAI chat completions and chunks). The core never branches on the
 * provider: a new upstream dialect is a new implementation of this interface.
 */
export interface UpstreamDialect {
  /** The headers that carry the provider's key (never logged, never echoed). */
  authHeaders(apiKey: string | undefined): Record<string, string>;
  /**
   * The request for a chat call; streams must ask for the usage, which is what we bill.
   * `maxOutputTokens` is the cap the hold covers: sent in the field the provider honours,
   * replacing any cap of the body, so the upstream never produces more than is held.
   */
  chatRequest(body: ChatRequestBody, stream: boolean, maxOutputTokens: number): UpstreamRequest;
  /**
   * The request for an OpenAI embeddings body (`model` already the upstream's); absent when
   * the dialect has no embeddings endpoint.
   */
  embeddingsRequest?(body: object): UpstreamRequest;
  /** A successful whole answer as an OpenAI chat completion; undefined when unreadable. */
  readAnswer(json: unknown): Record<string, unknown> | undefined;
  /** The usage an answer (whole, chunk or error) reports, if any. */
  readUsage(json: unknown): MeteredUsage | undefined;
  /** An error answer as the customer sees it; `secrets` must never appear in it. */
  toDomainError(answer: UpstreamAnswer, secrets: string[]): DomainError;
  /** Reads a stream body into items, however its bytes were cut. */
  readStream(body: AsyncIterable<Uint8Array>): AsyncIterable<UpstreamStreamItem>;
  /**
   * Anthropic Messages spoken natively (a `/v1/messages` request passed through, not
   * translated); absent when the dialect is not Messages.
   */
  nativeMessages?: NativeMessagesDialect;
}

/** How a Messages-dialect provider takes a `/v1/messages` request as it is. */
export interface NativeMessagesDialect {
  /** The client's body for this provider's model; `betas` is the client's `anthropic-beta`. */
  request(
    body: Record<string, unknown>,
    stream: boolean,
    betas: string | undefined,
  ): UpstreamRequest;
  /** Reads a stream body into `event` items, however its bytes were cut. */
  readStream(body: AsyncIterable<Uint8Array>): AsyncIterable<UpstreamStreamItem>;
}
