import type { MeteredUsage } from '@app/llm-formats';
import { isObject } from '../inference/json';

/** One vector of an upstream's embeddings answer, as floats. */
export interface EmbeddingVector {
  index: number;
  embedding: number[];
}

/** An upstream's embeddings answer, read: the vectors and the usage to bill. */
export interface EmbeddingsAnswer {
  vectors: EmbeddingVector[];
  usage: MeteredUsage | undefined;
}

/**
 * Reads an OpenAI-shaped embeddings answer (Mistral's has the same shape): vectors as
 * floats, or as base64 of little-endian float32 when the upstream sent them so; undefined
 * when it is not one.
 */
export function readEmbeddingsAnswer(json: unknown): EmbeddingsAnswer | undefined {
  if (!isObject(json) || !Array.isArray(json.data)) return undefined;
  const vectors: EmbeddingVector[] = [];
  for (const [position, item] of (json.data as unknown[]).entries()) {
    if (!isObject(item)) return undefined;
    const embedding = vectorOf(item.embedding);
    if (!embedding) return undefined;
    const index = Number.isSafeInteger(item.index) ? (item.index as number) : position;
    vectors.push({ index, embedding });
  }
  return { vectors, usage: embeddingsUsageOf(json.usage) };
}

/** Embeddings bill input tokens only (`prompt_tokens`). */
function embeddingsUsageOf(usage: unknown): MeteredUsage | undefined {
  if (!isObject(usage)) return undefined;
  const tokens = usage.prompt_tokens ?? usage.total_tokens;
  if (!Number.isSafeInteger(tokens) || (tokens as number) < 0) return undefined;
  return { inputTokens: tokens as number, outputTokens: 0, cachedInputTokens: 0, estimated: false };
}

function vectorOf(value: unknown): number[] | undefined {
  if (Array.isArray(value)) {
    return value.every((x) => typeof x === 'number' && Number.isFinite(x))
      ? (value as number[])
      : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  const floats: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 4) floats.push(bytes.readFloatLE(offset));
  return floats;
}

/** A vector as OpenAI's `encoding_format: "base64"` sends it: little-endian float32 bytes. */
export function toBase64Vector(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}
