import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@app/errors';
import { countTokensEstimate } from '@app/llm-formats';
import { ModelCache } from '../inference/model.cache';
import { parseCountTokensRequest } from './messages-request.parser';

/** The answer of `POST /v1/messages/count_tokens`. */
export interface CountTokensResponse {
  input_tokens: number;
}

/**
 * Estimates the input tokens of a Messages request. Free: no hold, no upstream call, no
 * usage event. The model must still exist, as on Anthropic's API, so a client learns of a
 * typo before its first paid call.
 */
@Injectable()
export class CountTokensService {
  constructor(private readonly models: ModelCache) {}

  async count(body: unknown): Promise<CountTokensResponse> {
    const request = parseCountTokensRequest(body);
    if (!(await this.models.findActive(request.model))) {
      throw new DomainError(
        ErrorCode.ModelNotFound,
        `The model '${request.model}' does not exist.`,
        {
          param: 'model',
        },
      );
    }
    return { input_tokens: countTokensEstimate(request) };
  }
}
