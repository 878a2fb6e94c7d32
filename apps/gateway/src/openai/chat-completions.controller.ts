import { Body, Controller, Post, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AllowScopes } from '../auth/allow-scopes.decorator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey, RequestId } from '../auth/current-key.decorator';
import { sendSurfaceResult } from '../inference/surface-result';
import { ChatCompletionsService } from './chat-completions.service';

@Controller('v1/chat/completions')
@UseGuards(ApiKeyGuard)
@AllowScopes('inference')
export class ChatCompletionsController {
  constructor(private readonly chatCompletions: ChatCompletionsService) {}

  @Post()
  async create(
    @Body() body: unknown,
    @CurrentKey() key: AuthenticatedKey,
    @RequestId() requestId: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendSurfaceResult(response, await this.chatCompletions.complete(body, key, requestId));
  }
}
