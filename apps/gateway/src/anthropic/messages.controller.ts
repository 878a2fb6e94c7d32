import { Body, Controller, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AllowScopes } from '../auth/allow-scopes.decorator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey, RequestId } from '../auth/current-key.decorator';
import { sendSurfaceResult } from '../inference/surface-result';
import { CountTokensService, type CountTokensResponse } from './count-tokens.service';
import { MessagesService } from './messages.service';

/**
 * Anthropic's Messages API. `anthropic-version` and `anthropic-beta` are accepted whatever
 * their value and required by nothing: the translation does not depend on them, and
 * `anthropic-beta` goes on to a provider that takes the request natively.
 */
@Controller('v1/messages')
@UseGuards(ApiKeyGuard)
@AllowScopes('inference')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly tokens: CountTokensService,
  ) {}

  @Post()
  async create(
    @Body() body: unknown,
    @CurrentKey() key: AuthenticatedKey,
    @RequestId() requestId: string,
    @Res() response: Response,
    @Headers('anthropic-beta') betas?: string,
  ): Promise<void> {
    await sendSurfaceResult(response, await this.messages.create(body, key, requestId, betas));
  }

  @Post('count_tokens')
  @HttpCode(200)
  async countTokens(@Body() body: unknown): Promise<CountTokensResponse> {
    return this.tokens.count(body);
  }
}
