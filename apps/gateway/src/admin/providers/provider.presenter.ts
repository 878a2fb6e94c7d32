import type { AppConfig } from '@app/config';
import type { Provider } from '@app/database';

/** A provider as the admin API and the audit log show it: the key's name, never its value. */
export function presentProviderFields(provider: Provider) {
  return {
    id: provider.id,
    object: 'provider',
    name: provider.name,
    dialect: provider.dialect,
    base_url: provider.baseUrl,
    api_key_env: provider.apiKeyEnv,
  };
}

/**
 * With what this gateway makes of it: whether the named variable is set (not its value),
 * and the base URL the environment imposes, if any (`MISTRAL_BASE_URL` for `mistral`).
 */
export function presentProvider(provider: Provider, config: AppConfig) {
  return {
    ...presentProviderFields(provider),
    api_key_configured:
      provider.apiKeyEnv !== null && config.providerKeys[provider.apiKeyEnv] !== undefined,
    base_url_override: config.providerBaseUrls[provider.id] ?? null,
    created_at: provider.createdAt.toISOString(),
    updated_at: provider.updatedAt.toISOString(),
  };
}
