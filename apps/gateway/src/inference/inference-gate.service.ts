import { Injectable } from '@nestjs/common';
import type { ApiSurface } from '@app/database';
import { DomainError, ErrorCode, invalidRequest } from '@app/errors';
import { costOf, Money } from '@app/pricing';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { InferenceCall } from './inference-call';
import type { InferenceRequest } from './inference-request';
import { ModelCache } from './model.cache';
import { UpstreamRouterService } from './providers/upstream-router.service';
import { SpendGuardService } from './spend-guard.service';
import { UsageEventSink } from './usage-event.sink';

/**
 * Admits an inference request: resolves the model, the endpoints it may use with their
 * prices in effect now, and holds the request's maximum cost at the highest of those
 * prices (whichever endpoint ends up serving, the hold covers it). The maximum output is
 * the request's cap (the model's default cap when it sets none) times its choices; that
 * cap is what every upstream is sent, so no upstream may produce more than is held. Shared by the OpenAI
 * and Anthropic surfaces, so a request costs the same whichever way it came.
 */
@Injectable()
export class InferenceGateService {
  constructor(
    private readonly models: ModelCache,
    private readonly router: UpstreamRouterService,
    private readonly guard: SpendGuardService,
    private readonly sink: UsageEventSink,
  ) {}

  async admit(
    key: AuthenticatedKey,
    requestId: string,
    request: InferenceRequest,
  ): Promise<InferenceCall> {
    if (!this.sink.acceptingRequests) {
      throw new DomainError(
        ErrorCode.ServiceUnavailable,
        'Metering is unavailable; retry shortly.',
        {
          retryAfterSeconds: 5,
        },
      );
    }
    const model = await this.models.findActive(request.modelId);
    if (!model) {
      throw new DomainError(
        ErrorCode.ModelNotFound,
        `The model '${request.modelId}' does not exist.`,
        {
          param: 'model',
        },
      );
    }
    assertSurfaceFits(model.id, model.capabilities, request.surface);
    const occurredAt = new Date();
    const route = await this.router.route(model, request.providerPreference, occurredAt);
    // The one cap of the call: sent upstream in each provider's own field, and held.
    const outputCap = request.maxOutputTokens ?? model.defaultMaxOutputTokens;
    const tokens = {
      inputTokens: Math.max(request.estimatedInputTokens, request.inputTokenBound ?? 0),
      outputTokens: outputCap * (request.choices ?? 1),
    };
    const maxCost = route.reduce(
      (max, endpoint) => Money.max(max, costOf(tokens, endpoint.price.rates)),
      new Money(0),
    );
    await this.guard.hold(key, requestId, maxCost, tokens.inputTokens + tokens.outputTokens);
    return new InferenceCall(requestId, key, model, route, request, occurredAt, outputCap);
  }
}

/** The catalogue capability of models served by POST /v1/embeddings (and by nothing else). */
export const EMBEDDINGS_CAPABILITY = 'embeddings';

/**
 * An embedding model answers only /v1/embeddings, and /v1/embeddings only embedding models:
 * a 400 before anything is held or sent upstream.
 */
function assertSurfaceFits(modelId: string, capabilities: string[], surface: ApiSurface): void {
  const embeds = capabilities.includes(EMBEDDINGS_CAPABILITY);
  if (surface === 'embeddings' && !embeds) {
    throw invalidRequest(
      `The model '${modelId}' does not create embeddings: use a model with the embeddings capability (such as mistral-embed).`,
      'model',
    );
  }
  if (surface !== 'embeddings' && embeds) {
    throw invalidRequest(
      `The model '${modelId}' is an embedding model: call it through POST /v1/embeddings.`,
      'model',
    );
  }
}
