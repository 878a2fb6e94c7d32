/**
 * The seed catalogue, from the model pages KeepRouter publishes. Prices are per million
 * tokens in USD, as decimal strings, effective 2026-07-05. A description reads after
 * "<maker>'s " on the model's page.
 */
export interface SeedModel {
  id: string;
  displayName: string;
  description: string;
  inputPerMillion: string;
  outputPerMillion: string;
  /** Capability codes; SEED_CAPABILITIES when absent. */
  capabilities?: readonly string[];
}

export const SEED_PRICES_EFFECTIVE_FROM = new Date('2026-07-05T00:00:00.000Z');
export const SEED_MAKER = 'Mistral AI';
export const SEED_UPSTREAM_PROVIDER = 'mistral';
export const SEED_CAPABILITIES = ['streaming', 'tools'];

export const SEED_MODELS: readonly SeedModel[] = [
  {
    id: 'magistral-medium-latest',
    displayName: 'Magistral Medium',
    description:
      'Magistral — a reasoning-focused model for step-by-step problem solving; the medium tier, tracking the newest release.',
    inputPerMillion: '2',
    outputPerMillion: '5',
  },
  {
    id: 'magistral-small-latest',
    displayName: 'Magistral Small',
    description:
      'Magistral — a reasoning-focused model for step-by-step problem solving; the small, lower-cost tier, tracking the newest release.',
    inputPerMillion: '0.50',
    outputPerMillion: '1.50',
  },
  {
    id: 'ministral-14b-latest',
    displayName: 'Ministral 14B',
    description:
      'Ministral 14B — the larger edge-class model in the Ministral line, balancing capability and efficiency for fast text tasks.',
    inputPerMillion: '0.20',
    outputPerMillion: '0.20',
  },
  {
    id: 'ministral-8b-latest',
    displayName: 'Ministral 8B',
    description:
      'Ministral 8B — the middle edge-class model in the Ministral line, for low-latency text tasks at a small price.',
    inputPerMillion: '0.15',
    outputPerMillion: '0.15',
  },
  {
    id: 'ministral-3b-latest',
    displayName: 'Ministral 3B',
    description:
      'Ministral 3B — the smallest edge-class model in the Ministral line, for simple, high-volume text tasks at the lowest price.',
    inputPerMillion: '0.10',
    outputPerMillion: '0.10',
  },
  {
    id: 'codestral-latest',
    displayName: 'Codestral',
    description:
      'Codestral — a model made for code: completion, fill-in-the-middle and generation across many programming languages.',
    inputPerMillion: '0.30',
    outputPerMillion: '0.90',
  },
  {
    id: 'devstral-medium-latest',
    displayName: 'Devstral Medium',
    description:
      'Devstral Medium — an agentic coding model for software-engineering tasks that use tools across a codebase.',
    inputPerMillion: '0.40',
    outputPerMillion: '2',
  },
  {
    // Mistral's list price for mistral-embed: $0.10 per 1M input tokens; embeddings have no
    // output tokens. Served by POST /v1/embeddings only (the `embeddings` capability).
    id: 'mistral-embed',
    displayName: 'Mistral Embed',
    description:
      'Mistral Embed — a text embedding model that turns text into 1024-dimension vectors for search, clustering and retrieval.',
    inputPerMillion: '0.10',
    outputPerMillion: '0',
    capabilities: ['embeddings'],
  },
];
