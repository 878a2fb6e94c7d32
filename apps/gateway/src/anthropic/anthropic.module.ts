import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InferenceModule } from '../inference/inference.module';
import { CountTokensService } from './count-tokens.service';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

/** The Anthropic Messages surface: /v1/messages and /v1/messages/count_tokens. */
@Module({
  imports: [AuthModule, InferenceModule],
  controllers: [MessagesController],
  providers: [MessagesService, CountTokensService],
})
export class AnthropicModule {}
