import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { AuthModule } from '../auth/auth.module';
import { ChatCompletionsController } from './chat-completions.controller';
import { ChatCompletionsService } from './chat-completions.service';
import { UpstreamClient } from './upstream.client';
import { UsageRecorder } from './usage-recorder';

@Module({
  imports: [AuthModule, QueueModule],
  controllers: [ChatCompletionsController],
  providers: [ChatCompletionsService, UpstreamClient, UsageRecorder],
})
export class ProxyModule {}
