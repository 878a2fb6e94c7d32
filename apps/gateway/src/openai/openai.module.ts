import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InferenceModule } from '../inference/inference.module';
import { ChatCompletionsController } from './chat-completions.controller';
import { ChatCompletionsService } from './chat-completions.service';

/** The OpenAI surface: /v1/chat/completions. */
@Module({
  imports: [AuthModule, InferenceModule],
  controllers: [ChatCompletionsController],
  providers: [ChatCompletionsService],
})
export class OpenAiModule {}
