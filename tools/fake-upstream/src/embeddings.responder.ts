import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { derivePromptTokens } from './completion-builder';
import { openAiError, sendJson } from './json-response';
import { parseDirectives } from './prompt-directives';

/** Dimensions of `mistral-embed`, so vectors look like the real model's. */
export const EMBEDDING_DIMENSIONS = 1024;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Answers `POST /v1/embeddings` in OpenAI's shape (which Mistral shares): one deterministic
 * unit vector per input, derived from a hash of the input, so equal inputs embed equally
 * across runs; usage counts about four characters per token per text input (at least one),
 * one per token for token-array inputs, or what a `[[fake:tokens in=N out=0]]` directive in
 * the first input says. `encoding_format: "base64"` gives little-endian float32 bytes, as
 * OpenAI does.
 */
export function respondToEmbeddings(res: ServerResponse, body: unknown): void {
  if (!isObject(body) || typeof body.model !== 'string' || body.model === '') {
    return sendJson(res, 400, openAiError("'model' is required.", 'invalid_request_error'));
  }
  const inputs = inputsOf(body.input);
  if (inputs === undefined) {
    const message = "'input' must be a string, an array of strings, or token arrays.";
    return sendJson(res, 400, openAiError(message, 'invalid_request_error'));
  }
  const base64 = body.encoding_format === 'base64';
  let promptTokens = 0;
  const data = inputs.map((input, index) => {
    promptTokens += typeof input === 'string' ? derivePromptTokens(input.length) : input.length;
    const vector = vectorOf(typeof input === 'string' ? input : input.join(','));
    return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
  });
  const first = inputs[0];
  const forced = typeof first === 'string' ? parseDirectives(first)?.usage : undefined;
  if (forced !== undefined) promptTokens = forced.promptTokens;
  sendJson(res, 200, {
    object: 'list',
    data,
    model: body.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  });
}

function inputsOf(input: unknown): Array<string | number[]> | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((item) => typeof item === 'number')) return [input];
  const ok = input.every(
    (item) =>
      typeof item === 'string' ||
      (Array.isArray(item) && item.every((token) => typeof token === 'number')),
  );
  return ok ? input : undefined;
}

/** A unit vector from the SHA-256 stream of the text: deterministic, different per text. */
export function vectorOf(text: string): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < EMBEDDING_DIMENSIONS; block += 1) {
    const digest = createHash('sha256').update(`${block}:${text}`).digest();
    for (let i = 0; i + 1 < digest.length && values.length < EMBEDDING_DIMENSIONS; i += 2) {
      values.push(digest.readUInt16LE(i) / 32_767.5 - 1);
    }
  }
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0)) || 1;
  return values.map((value) => Math.fround(value / norm));
}

function toBase64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}
