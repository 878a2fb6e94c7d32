import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { AllowScopes } from '../auth/allow-scopes.decorator';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { AuthenticatedKey } from '../auth/authenticated-key';
import { CurrentKey, RequestId } from '../auth/current-key.decorator';
import { ChatCompletionsService } from './chat-completions.service';

@Controller('v1/chat/completions')
@UseGuards(ApiKeyGuard)
@AllowScopes('inference')
export class ChatCompletionsController {
  constructor(private readonly chatCompletions: ChatCompletionsService) {}

  @Post()
  @HttpCode(200)
  create(
    @Body() body: unknown,
    @CurrentKey() key: AuthenticatedKey,
    @RequestId() requestId: string,
  ) {
    return this.chatCompletions.complete(body, key, requestId);
  }
}
