import { Injectable } from '@nestjs/common';
import type { Model } from '@app/database';
import { OpenAiCompatibleDialect } from './openai-compatible.dialect';
import type { UpstreamDialect } from './upstream-dialect';

/** Where one call goes: a configured provider, and the dialect to speak to it. */
export interface UpstreamEndpoint {
  provider: string;
  dialect: UpstreamDialect;
}

/**
 * Picks the upstream endpoint of an admitted call. Today every model has one provider,
 * spoken to in the OpenAI-compatible dialect; several endpoints per model, fallback and
 * other dialects are added here and in new dialect classes, not in the core.
 */
@Injectable()
export class UpstreamRouterService {
  private readonly openAiCompatible = new OpenAiCompatibleDialect();

  endpointFor(model: Model): UpstreamEndpoint {
    return { provider: model.upstreamProvider, dialect: this.openAiCompatible };
  }
}
