import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@app/errors';
import { countJsonCharacters, type MeteredUsage } from '@app/llm-formats';
import type { InferenceCall } from './inference-call';
import { InferenceFinishService } from './inference-finish.service';
import { parseJson } from './json';
import type { ChatRequestBody, UpstreamAnswer } from './providers/upstream-dialect';
import { UpstreamRouterService, type UpstreamEndpoint } from './providers/upstream-router.service';
import { StreamRelay } from './stream.relay';
import type { StreamDialect } from './stream-dialect';
import { UpstreamClient, type UpstreamStream } from './upstream.client';

/** A whole answer in the core's form (an OpenAI chat completion), and the usage billed for it. */
export interface WholeAnswer {
  answer: Record<string, unknown>;
  usage: MeteredUsage;
}

/** An upstream stream whose headers said 200, ready to relay to the client. */
export interface OpenStream {
  /** Relays it in the surface's dialect, then ends the call with its one outcome. */
  pipeTo(response: Response, dialect: StreamDialect): Promise<void>;
}

/**
 * The exchange with the upstream, for every surface, and the billing rule at each of its
 * ends: nothing came back → the hold is released, nothing is charged; tokens came back
 * (reported, or estimated when the upstream never said) → exactly one usage event.
 */
@Injectable()
export class UpstreamExchangeService {
  constructor(
    private readonly upstream: UpstreamClient,
    private readonly router: UpstreamRouterService,
    private readonly finish: InferenceFinishService,
  ) {}

  /** A whole answer, already metered; upstream errors are thrown as the customer sees them. */
  async complete(call: InferenceCall, body: ChatRequestBody): Promise<WholeAnswer> {
    const endpoint = this.router.endpointFor(call.model);
    let response: UpstreamAnswer;
    try {
      response = await this.upstream.postJson(endpoint, endpoint.dialect.chatRequest(body, false));
    } catch (error) {
      await this.finish.abandon(call);
      throw error;
    }
    if (response.status < 200 || response.status >= 300) {
      throw await this.failed(call, endpoint, response);
    }
    const answer = endpoint.dialect.readAnswer(response.json);
    if (!answer) {
      await this.finish.abandon(call);
      throw new DomainError(
        ErrorCode.UpstreamError,
        'The upstream provider sent an unreadable answer.',
      );
    }
    const usage =
      endpoint.dialect.readUsage(answer) ??
      call.estimate(countJsonCharacters(answer.choices ?? ''));
    await this.finish.meter(call, usage);
    return { answer, usage };
  }

  /** Opens a stream; any answer but 200 is thrown before a byte reaches the client. */
  async open(call: InferenceCall, body: ChatRequestBody): Promise<OpenStream> {
    const endpoint = this.router.endpointFor(call.model);
    let upstream: UpstreamStream;
    try {
      upstream = await this.upstream.open(endpoint, endpoint.dialect.chatRequest(body, true));
    } catch (error) {
      await this.finish.abandon(call);
      throw error;
    }
    if (upstream.status !== 200) {
      const text = await upstream.body.text().catch(() => '');
      throw await this.failed(call, endpoint, {
        status: upstream.status,
        headers: upstream.headers,
        json: parseJson(text),
      });
    }
    return {
      pipeTo: async (response, dialect) => {
        const relay = new StreamRelay(response, dialect, call.requestId);
        const outcome = await relay.run(endpoint.dialect.readStream(upstream.body));
        // Bill the usage the upstream reported, else an estimate of what came, else nothing.
        const usage =
          outcome.usage ??
          (outcome.producedCharacters > 0 ? call.estimate(outcome.producedCharacters) : undefined);
        if (usage) await this.finish.meter(call, usage);
        else await this.finish.abandon(call);
      },
    };
  }

  /** The call ends without an answer (e.g. its request could not be translated). */
  async abandon(call: InferenceCall): Promise<void> {
    await this.finish.abandon(call);
  }

  /** An upstream error: billed only if the upstream says it produced tokens. */
  private async failed(
    call: InferenceCall,
    endpoint: UpstreamEndpoint,
    response: UpstreamAnswer,
  ): Promise<DomainError> {
    const usage = endpoint.dialect.readUsage(response.json);
    if (usage && usage.inputTokens + usage.outputTokens > 0) await this.finish.meter(call, usage);
    else await this.finish.abandon(call);
    return endpoint.dialect.toDomainError(response, this.upstream.secrets);
  }
}
