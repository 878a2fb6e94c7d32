import { invalidRequest } from '@app/errors';
import { assertRequestDepth } from '../inference/inference-request';
import { isObject } from '../inference/json';

/** One input of an embeddings request: a text, or the token ids of one. */
export type EmbeddingInput = string | number[];

/** The fields of an OpenAI embeddings request that the gateway itself reads. */
export interface EmbeddingsRequest {
  model: string;
  inputs: EmbeddingInput[];
  /** How the client wants the vectors: the gateway always asks the upstream for floats. */
  encodingFormat: 'float' | 'base64';
  dimensions: number | undefined;
  /** The whole body, unknown fields included: passed to the upstream unchanged. */
  body: Record<string, unknown>;
}

/** OpenAI's own bound on the inputs of one request. */
export const MAX_EMBEDDING_INPUTS = 2048;

const isTokenArray = (value: unknown): value is number[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((token) => Number.isSafeInteger(token) && (token as number) >= 0);

/**
 * Validates a `POST /v1/embeddings` body: `input` is a string, an array of strings, an
 * array of token ids or an array of such arrays, none empty; a 400 naming the field
 * otherwise, before anything is held or sent upstream.
 */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (!isObject(body)) throw invalidRequest('The request body must be a JSON object.');
  assertRequestDepth(body);
  const { model, input, encoding_format: encodingFormat, dimensions } = body;
  if (model === undefined) throw invalidRequest('model is required.', 'model');
  if (typeof model !== 'string' || model.trim() === '') {
    throw invalidRequest('model must be a non-empty string.', 'model');
  }
  const inputs = inputsOf(input);
  if (encodingFormat !== undefined && encodingFormat !== 'float' && encodingFormat !== 'base64') {
    throw invalidRequest("encoding_format must be 'float' or 'base64'.", 'encoding_format');
  }
  if (
    dimensions !== undefined &&
    !(Number.isSafeInteger(dimensions) && (dimensions as number) > 0)
  ) {
    throw invalidRequest('dimensions must be a positive integer.', 'dimensions');
  }
  return {
    model,
    inputs,
    encodingFormat: encodingFormat ?? 'float',
    dimensions: dimensions as number | undefined,
    body,
  };
}

function inputsOf(input: unknown): EmbeddingInput[] {
  const message =
    'input must be a non-empty string, an array of non-empty strings, an array of token ids, or an array of token-id arrays.';
  if (input === undefined) throw invalidRequest('input is required.', 'input');
  if (typeof input === 'string') {
    if (input === '') throw invalidRequest(message, 'input');
    return [input];
  }
  if (!Array.isArray(input) || input.length === 0) throw invalidRequest(message, 'input');
  if (input.length > MAX_EMBEDDING_INPUTS) {
    throw invalidRequest(`input must hold at most ${MAX_EMBEDDING_INPUTS} items.`, 'input');
  }
  if (input.every((item) => typeof item === 'number')) {
    if (!isTokenArray(input)) throw invalidRequest(message, 'input');
    return [input];
  }
  input.forEach((item: unknown, index) => {
    if ((typeof item === 'string' && item !== '') || isTokenArray(item)) return;
    throw invalidRequest(`input[${index}]: ${message}`, `input[${index}]`);
  });
  return input as EmbeddingInput[];
}
