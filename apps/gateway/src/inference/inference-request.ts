import type { ApiSurface } from '@app/database';
import { invalidRequest } from '@app/errors';
import { isNestedDeeperThan, MAX_JSON_DEPTH } from '@app/llm-formats';

/** What a surface knows of a request before it goes upstream. */
export interface InferenceRequest {
  modelId: string;
  surface: ApiSurface;
  streamed: boolean;
  /** The input tokens estimated (a quarter of the characters): billed when the upstream reports none. */
  estimatedInputTokens: number;
  /**
   * The most input tokens the provider can bill for the body sent upstream (one per UTF-8
   * byte, images at their maximum): what the hold covers. The estimate when unset.
   */
  inputTokenBound?: number;
  /** The request's own output cap, per choice; undefined gives it the model's default cap. */
  maxOutputTokens: number | undefined;
  /** Choices generated (OpenAI's `n`), each up to the cap: the output hold is multiplied by it. */
  choices?: number;
  /** The request's `provider` field (OpenRouter's routing preference), validated at admission. */
  providerPreference?: unknown;
}

/**
 * Refuses (400) a body nested deeper than any real request needs, before anything walks or
 * serializes it (the token estimate does both): a 400 rather than a stack overflow's 500.
 */
export function assertRequestDepth(body: unknown): void {
  if (isNestedDeeperThan(body, MAX_JSON_DEPTH)) {
    throw invalidRequest(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`);
  }
}
