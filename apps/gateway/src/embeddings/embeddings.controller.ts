import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { AllowScopes } from '../auth/allow-scopes.decorator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey, RequestId } from '../auth/current-key.decorator';
import { EmbeddingsService, type EmbeddingsResponse } from './embeddings.service';

/** OpenAI's embeddings API (see API.md). */
@Controller('v1/embeddings')
@UseGuards(ApiKeyGuard)
@AllowScopes('inference')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsService) {}

  @Post()
  @HttpCode(200)
  create(
    @Body() body: unknown,
    @CurrentKey() key: AuthenticatedKey,
    @RequestId() requestId: string,
  ): Promise<EmbeddingsResponse> {
    return this.embeddings.create(body, key, requestId);
  }
}
