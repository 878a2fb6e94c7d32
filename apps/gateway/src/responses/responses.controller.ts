import { Body, Controller, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AllowScopes } from '../auth/allow-scopes.decorator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey, RequestId } from '../auth/current-key.decorator';
import { sendSurfaceResult } from '../inference/surface-result';
import { ResponsesService } from './responses.service';

/** OpenAI's Responses API, stateless (see API.md). */
@Controller('v1/responses')
@UseGuards(ApiKeyGuard)
@AllowScopes('inference')
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Post()
  async create(
    @Body() body: unknown,
    @CurrentKey() key: AuthenticatedKey,
    @RequestId() requestId: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendSurfaceResult(response, await this.responses.create(body, key, requestId));
  }
}
