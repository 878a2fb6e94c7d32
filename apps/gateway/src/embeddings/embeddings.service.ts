import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, invalidRequest } from '@app/errors';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { InferenceGateService } from '../inference/inference-gate.service';
import type { ExchangePlan } from '../inference/upstream-exchange.service';
import { UpstreamExchangeService } from '../inference/upstream-exchange.service';
import {
  readEmbeddingsAnswer,
  toBase64Vector,
  type EmbeddingVector,
} from './embeddings-answer.reader';
import { parseEmbeddingsRequest, type EmbeddingInput } from './embeddings-request.parser';

/** The catalogue capability of embedding models that accept `dimensions`. */
export const EMBEDDING_DIMENSIONS_CAPABILITY = 'embedding_dimensions';

/** `POST /v1/embeddings`'s answer, in OpenAI's shape, with KeepRouter's `id` and `usage.cost`. */
export interface EmbeddingsResponse {
  id: string;
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number; cost: string };
}

/**
 * The OpenAI embeddings surface: validate, admit (model with the embeddings capability,
 * price, hold of the input at most the upstream can bill), forward, meter the upstream's
 * `prompt_tokens` at the model's input price, on the same core as the other surfaces. The
 * upstream is always asked for floats; base64 is encoded here, so any OpenAI-compatible
 * provider can serve a client that asks for it (the OpenAI SDK does by default).
 */
@Injectable()
export class EmbeddingsService {
  constructor(
    private readonly gate: InferenceGateService,
    private readonly exchange: UpstreamExchangeService,
  ) {}

  async create(
    body: unknown,
    key: AuthenticatedKey,
    requestId: string,
  ): Promise<EmbeddingsResponse> {
    const request = parseEmbeddingsRequest(body);
    const call = await this.gate.admit(key, requestId, {
      modelId: request.model,
      surface: 'embeddings',
      streamed: false,
      estimatedInputTokens: inputTokenBound(request.inputs),
      maxOutputTokens: 0,
      providerPreference: request.body.provider,
    });
    if (
      request.dimensions !== undefined &&
      !call.model.capabilities.includes(EMBEDDING_DIMENSIONS_CAPABILITY)
    ) {
      await this.exchange.abandon(call);
      throw invalidRequest(
        `The model '${call.model.id}' has a fixed number of dimensions: leave out dimensions.`,
        'dimensions',
      );
    }
    // `provider` is our routing preference; the vectors' encoding is ours to do.
    const { provider: _preference, encoding_format: _format, ...forwarded } = request.body;
    const plan: ExchangePlan<EmbeddingVector[]> = {
      request: (endpoint) => {
        if (!endpoint.dialect.embeddingsRequest) {
          throw new DomainError(
            ErrorCode.UpstreamError,
            `The provider '${endpoint.providerId}' serves no embeddings.`,
          );
        }
        return endpoint.dialect.embeddingsRequest({ ...forwarded, model: endpoint.upstreamModel });
      },
      read: (_endpoint, json) => {
        const answer = readEmbeddingsAnswer(json);
        if (!answer) return undefined;
        return { answer: answer.vectors, usage: answer.usage ?? call.estimate(0) };
      },
      stream: () => {
        throw new Error('embeddings are never streamed');
      },
    };
    const { answer, usage } = await this.exchange.completeWith(call, plan);
    return {
      id: call.requestId,
      object: 'list',
      data: answer.map((vector) => ({
        object: 'embedding',
        index: vector.index,
        embedding:
          request.encodingFormat === 'base64' ? toBase64Vector(vector.embedding) : vector.embedding,
      })),
      model: request.model,
      usage: {
        prompt_tokens: usage.inputTokens,
        total_tokens: usage.inputTokens,
        cost: call.costOf(usage),
      },
    };
  }
}

/**
 * The most input tokens an upstream can bill for these inputs: a byte-level tokenizer makes
 * at most one token per UTF-8 byte of text; token ids count one each.
 */
export function inputTokenBound(inputs: EmbeddingInput[]): number {
  return inputs.reduce(
    (sum, input) =>
      sum + (typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length),
    0,
  );
}
