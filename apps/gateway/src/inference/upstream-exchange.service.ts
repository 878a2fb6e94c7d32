import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/errors';
import { countJsonCharacters, type MeteredUsage } from '@app/llm-formats';
import { MetricsService } from '@app/metrics';
import type { InferenceCall } from './inference-call';
import { InferenceFinishService } from './inference-finish.service';
import { parseJson } from './json';
import { type BreakerVerdict, CircuitBreakerService } from './providers/circuit-breaker.service';
import {
  allFailed,
  type AttemptFailure,
  failureOfError,
  failureOfStatus,
} from './providers/fallback-policy';
import { ProviderCache } from './providers/provider.cache';
import type {
  ChatRequestBody,
  UpstreamRequest,
  UpstreamStreamItem,
} from './providers/upstream-dialect';
import type { UpstreamEndpoint } from './providers/upstream-router.service';
import { StreamRelay } from './stream.relay';
import type { StreamDialect } from './stream-dialect';
import { toUpstreamFailure, UpstreamClient, type UpstreamStream } from './upstream.client';

/** A whole answer in the core's form (an OpenAI chat completion), and the usage billed for it. */
export interface WholeAnswer {
  answer: Record<string, unknown>;
  usage: MeteredUsage;
}

/**
 * How a surface speaks to each endpoint: the request in the endpoint's dialect, and how to
 * read a whole answer (with the usage to bill) or a stream into the core's items.
 */
export interface ExchangePlan<Answer> {
  /** The request for one endpoint; a DomainError when that endpoint cannot serve it. */
  request(endpoint: UpstreamEndpoint, stream: boolean): UpstreamRequest;
  /** A 2xx answer read whole, with the usage to bill; undefined when unreadable. */
  read(
    endpoint: UpstreamEndpoint,
    json: unknown,
  ): { answer: Answer; usage: MeteredUsage } | undefined;
  /** A 200 stream's body as the core's items. */
  stream(
    endpoint: UpstreamEndpoint,
    body: AsyncIterable<Uint8Array>,
  ): AsyncIterable<UpstreamStreamItem>;
}

/** An upstream stream whose headers said 200, ready to relay to the client. */
export interface OpenStream {
  /** The endpoint that answered: its dialect decides how the surface relays the stream. */
  endpoint: UpstreamEndpoint;
  /** Relays it in the surface's dialect, then ends the call with its one outcome. */
  pipeTo(response: Response, dialect: StreamDialect): Promise<void>;
}

/**
 * The exchange with the upstream, for every surface, and the billing rule at each of its
 * ends: nothing came back → the hold is released, nothing is charged; tokens came back
 * (reported, or estimated when the upstream never said) → exactly one usage event, at the
 * price of the endpoint that served.
 *
 * Fallback: the call's endpoints are tried in order while an attempt fails before its
 * first byte (connection refused or reset, no headers in time) or answers 429 or 5xx
 * without usage; the body goes to each in its dialect with its own model id. Once an
 * endpoint answered 200 it is the one: a stream cut midway is billed for what came and
 * never re-sent elsewhere. An endpoint its circuit breaker holds open is skipped.
 */
@Injectable()
export class UpstreamExchangeService {
  private readonly logger = new Logger(UpstreamExchangeService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly upstream: UpstreamClient,
    private readonly providers: ProviderCache,
    private readonly breaker: CircuitBreakerService,
    private readonly finish: InferenceFinishService,
    private readonly metrics: MetricsService,
  ) {}

  /** A whole answer, already metered; upstream errors are thrown as the customer sees them. */
  async complete(call: InferenceCall, body: ChatRequestBody): Promise<WholeAnswer> {
    return this.completeWith(call, this.chatPlan(call, body));
  }

  /**
   * A whole answer to a request the surface builds for each endpoint (embeddings, native
   * Messages), read by the surface; metered at the usage it reads, else at an estimate.
   */
  async completeWith<Answer>(
    call: InferenceCall,
    plan: ExchangePlan<Answer>,
  ): Promise<{ answer: Answer; usage: MeteredUsage; endpoint: UpstreamEndpoint }> {
    const { endpoint, upstream } = await this.attempt(call, (e) => plan.request(e, false), false);
    // A 2xx answer was served (and is billed to us) even when its body cannot be read or
    // used: it is billed at an estimate, the output from the characters that came.
    let text = '';
    const billEstimate = (): Promise<void> =>
      this.finish.meter(call, call.estimate(call.outputCap > 0 ? text.length : 0));
    try {
      const decoder = new TextDecoder();
      for await (const bytes of upstream.body) text += decoder.decode(bytes, { stream: true });
      text += decoder.decode();
    } catch (error) {
      await billEstimate();
      throw toUpstreamFailure(error);
    }
    const read = plan.read(endpoint, parseJson(text));
    if (!read) {
      await billEstimate();
      throw new DomainError(
        ErrorCode.UpstreamError,
        'The upstream provider sent an unreadable answer.',
      );
    }
    await this.finish.meter(call, read.usage);
    return { ...read, endpoint };
  }

  /** Opens a stream; any answer but 200 is thrown before a byte reaches the client. */
  async open(call: InferenceCall, body: ChatRequestBody): Promise<OpenStream> {
    return this.openWith(call, this.chatPlan(call, body));
  }

  /** Opens a stream of a request the surface builds for each endpoint, read by its dialect. */
  async openWith(call: InferenceCall, plan: ExchangePlan<unknown>): Promise<OpenStream> {
    const { endpoint, upstream } = await this.attempt(call, (e) => plan.request(e, true), true);
    return {
      endpoint,
      pipeTo: async (response, dialect) => {
        const relay = new StreamRelay(
          response,
          dialect,
          call.requestId,
          this.config.clientWriteTimeoutMs,
          call.headers,
        );
        const outcome = await relay.run(plan.stream(endpoint, upstream.body));
        // Bill the usage the upstream reported, else an estimate of what came, else nothing.
        const usage =
          outcome.usage ??
          (outcome.producedCharacters > 0 ? call.estimate(outcome.producedCharacters) : undefined);
        if (usage) await this.finish.meter(call, usage);
        else await this.finish.abandon(call);
      },
    };
  }

  /** A chat request in the core's form, sent to each endpoint in its own dialect. */
  private chatPlan(
    call: InferenceCall,
    body: ChatRequestBody,
  ): ExchangePlan<Record<string, unknown>> {
    return {
      request: (endpoint, stream) =>
        endpoint.dialect.chatRequest(
          { ...body, model: endpoint.upstreamModel },
          stream,
          call.outputCap,
        ),
      read: (endpoint, json) => {
        const answer = endpoint.dialect.readAnswer(json);
        if (!answer) return undefined;
        const usage =
          endpoint.dialect.readUsage(json) ??
          call.estimate(countJsonCharacters(answer.choices ?? ''));
        return { answer, usage };
      },
      stream: (endpoint, stream) => endpoint.dialect.readStream(stream),
    };
  }

  /** The call ends without an answer (e.g. its request could not be translated). */
  async abandon(call: InferenceCall): Promise<void> {
    await this.finish.abandon(call);
  }

  /**
   * Tries the call's endpoints in order until one answers 2xx (the call is then served by
   * it); throws, with the hold released, when none did.
   */
  private async attempt(
    call: InferenceCall,
    requestFor: (endpoint: UpstreamEndpoint) => UpstreamRequest,
    stream: boolean,
  ): Promise<{ endpoint: UpstreamEndpoint; upstream: UpstreamStream }> {
    // With one endpoint there is nowhere to fall back to: no breaker round trip.
    const guarded = call.route.length > 1;
    let lastFailure: AttemptFailure | undefined;
    let lastError: DomainError | undefined;
    for (const [index, endpoint] of call.route.entries()) {
      const verdict: BreakerVerdict = guarded
        ? await this.breaker.check(endpoint.providerId, call.model.id)
        : { state: 'closed', failures: 0 };
      if (verdict.state === 'open') continue;
      // Any endpoint but the first: the preferred one failed or its breaker is open.
      if (index > 0) this.metrics.providerFallbacks.inc({ provider: endpoint.providerId });
      let request: UpstreamRequest;
      try {
        request = requestFor(endpoint);
      } catch (error) {
        await this.finish.abandon(call);
        throw error;
      }
      this.metrics.providerAttempts.inc({ provider: endpoint.providerId });
      let upstream: UpstreamStream;
      try {
        upstream = await this.upstream.open(endpoint.provider, request);
      } catch (error) {
        const failure = failureOfError(error);
        if (failure === undefined) {
          await this.finish.abandon(call);
          throw toUpstreamFailure(error);
        }
        await this.failedAttempt(call, endpoint, failure, guarded);
        lastFailure = failure;
        lastError = toUpstreamFailure(error);
        continue;
      }
      if (upstream.status >= 200 && upstream.status < 300 && (!stream || upstream.status === 200)) {
        if (guarded) await this.breaker.succeeded(endpoint.providerId, call.model.id, verdict);
        call.servedBy(endpoint);
        return { endpoint, upstream };
      }
      const text = await upstream.body.text().catch(() => '');
      const answer = { status: upstream.status, headers: upstream.headers, json: parseJson(text) };
      const usage = endpoint.dialect.readUsage(answer.json);
      const error = endpoint.dialect.toDomainError(answer, this.providers.secrets);
      if (usage && usage.inputTokens + usage.outputTokens > 0) {
        // It produced tokens: billed as it said, and never silently sent elsewhere.
        call.servedBy(endpoint);
        await this.finish.meter(call, usage);
        throw error;
      }
      const failure = failureOfStatus(upstream.status);
      if (failure === undefined) {
        // The request's own fault (4xx): another endpoint would refuse it too.
        await this.finish.abandon(call);
        throw error;
      }
      await this.failedAttempt(call, endpoint, failure, guarded);
      lastFailure = failure;
      lastError = error;
    }
    await this.finish.abandon(call);
    if (lastError) throw call.route.length > 1 ? allFailedError(lastFailure, lastError) : lastError;
    throw new DomainError(
      ErrorCode.ServiceUnavailable,
      'Every upstream provider of this model is failing; retry shortly.',
      { retryAfterSeconds: 5 },
    );
  }

  private async failedAttempt(
    call: InferenceCall,
    endpoint: UpstreamEndpoint,
    failure: AttemptFailure,
    guarded: boolean,
  ): Promise<void> {
    this.metrics.providerFailures.inc({ provider: endpoint.providerId, kind: failure });
    this.logger.warn(
      `request ${call.requestId}: provider ${endpoint.providerId} failed (${failure})`,
    );
    if (guarded) await this.breaker.failed(endpoint.providerId, call.model.id);
  }
}

/** Several endpoints all failed: the last one's error, unless a status would mislead. */
function allFailedError(last: AttemptFailure | undefined, error: DomainError): DomainError {
  return last === 'connect' || last === 'timeout' ? allFailed(last) : error;
}
