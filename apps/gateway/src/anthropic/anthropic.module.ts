import { Module } from '@nestjs/common';

/** The Anthropic Messages surface: /v1/messages and /v1/messages/count_tokens. */
@Module({})
export class AnthropicModule {}
