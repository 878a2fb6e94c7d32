import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { type Provider, ProviderRepository } from '@app/database';
import { AnthropicMessagesDialect } from './anthropic-messages.dialect';
import { OpenAiCompatibleDialect } from './openai-compatible.dialect';
import type { UpstreamDialect } from './upstream-dialect';

/** A provider as the gateway calls it: where, how, and with which key (from the environment). */
export interface ResolvedProvider {
  id: string;
  name: string;
  dialect: UpstreamDialect;
  dialectName: Provider['dialect'];
  baseUrl: string;
  /** Read from the variable the provider names; never stored, logged or shown. */
  apiKey: string | undefined;
}

// Providers change rarely; a short cache keeps the database off the hot path.
const CACHE_TTL_MS = 30_000;

/** Every provider, resolved, cached briefly in-process and dropped on change (pub/sub). */
@Injectable()
export class ProviderCache {
  private readonly dialects: Record<Provider['dialect'], UpstreamDialect> = {
    openai: new OpenAiCompatibleDialect(),
    anthropic: new AnthropicMessagesDialect(),
  };
  private cached: { byId: Map<string, ResolvedProvider>; expiresAt: number } | undefined;
  private loading: Promise<Map<string, ResolvedProvider>> | undefined;

  constructor(
    private readonly providers: ProviderRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Every provider by id. */
  async all(): Promise<Map<string, ResolvedProvider>> {
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.byId;
    // One load at a time: a burst after expiry makes one query, not one per request.
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  /** The keys of every provider: never to be echoed to a customer. */
  get secrets(): string[] {
    return Object.values(this.config.providerKeys);
  }

  private async load(): Promise<Map<string, ResolvedProvider>> {
    const byId = new Map<string, ResolvedProvider>();
    for (const provider of await this.providers.list()) {
      byId.set(provider.id, {
        id: provider.id,
        name: provider.name,
        dialect: this.dialects[provider.dialect],
        dialectName: provider.dialect,
        baseUrl: (this.config.providerBaseUrls[provider.id] ?? provider.baseUrl).replace(
          /\/+$/,
          '',
        ),
        apiKey:
          provider.apiKeyEnv === null ? undefined : this.config.providerKeys[provider.apiKeyEnv],
      });
    }
    this.cached = { byId, expiresAt: Date.now() + CACHE_TTL_MS };
    return byId;
  }
}
