import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/errors';
import type { StreamOutcome } from './chat-stream.relay';
import type { InferenceCall } from './inference-gate.service';
import { isObject, parseJson } from './json';
import { estimateTokens, readReportedUsage, type MeteredUsage } from './token-usage';
import { upstreamErrorToDomain } from './upstream-error';
import { UpstreamClient, type UpstreamResponse, type UpstreamStream } from './upstream.client';

/**
 * The exchange with the upstream that both surfaces share, and the billing rule at each
 * of its ends: nothing came back → the hold is released, nothing is charged; tokens came
 * back (reported, or estimated when the upstream never said) → exactly one usage event.
 */
@Injectable()
export class UpstreamExchange {
  constructor(private readonly upstream: UpstreamClient) {}

  /** A whole answer, already metered; upstream errors are thrown as the customer sees them. */
  async complete(
    call: InferenceCall,
    body: object,
  ): Promise<{ answer: Record<string, unknown>; usage: MeteredUsage }> {
    let response: UpstreamResponse;
    try {
      response = await this.upstream.postJson(
        call.model.upstreamProvider,
        '/chat/completions',
        body,
      );
    } catch (error) {
      await call.abandon();
      throw error;
    }
    if (response.status < 200 || response.status >= 300) throw await this.failed(call, response);
    const answer = response.json;
    if (!isObject(answer)) {
      await call.abandon();
      throw new DomainError(
        ErrorCode.UpstreamError,
        'The upstream provider sent an unreadable answer.',
      );
    }
    const usage =
      readReportedUsage(answer) ?? call.estimate(estimateTokens(answer.choices ?? '') * 4);
    await call.meter(usage);
    return { answer, usage };
  }

  /** A stream whose headers said 200; any other answer is thrown before a byte reaches the client. */
  async open(call: InferenceCall, body: object): Promise<UpstreamStream> {
    let upstream: UpstreamStream;
    try {
      upstream = await this.upstream.open(call.model.upstreamProvider, '/chat/completions', body);
    } catch (error) {
      await call.abandon();
      throw error;
    }
    if (upstream.status !== 200) {
      const text = await upstream.body.text().catch(() => '');
      throw await this.failed(call, {
        status: upstream.status,
        headers: upstream.headers,
        json: parseJson(text),
      });
    }
    return upstream;
  }

  /** After a relayed stream: bill the usage the upstream reported, else an estimate of what came, else nothing. */
  async finishStream(call: InferenceCall, outcome: StreamOutcome): Promise<void> {
    const usage =
      outcome.usage ??
      (outcome.producedCharacters > 0 ? call.estimate(outcome.producedCharacters) : undefined);
    if (usage) await call.meter(usage);
    else await call.abandon();
  }

  /** An upstream error: billed only if the upstream says it produced tokens. */
  private async failed(call: InferenceCall, response: UpstreamResponse): Promise<DomainError> {
    const usage = readReportedUsage(response.json);
    if (usage && usage.inputTokens + usage.outputTokens > 0) await call.meter(usage);
    else await call.abandon();
    return upstreamErrorToDomain(response, this.upstream.secrets);
  }
}
