import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InferenceModule } from '../inference/inference.module';
import { ResponsesController } from './responses.controller';
import { ResponsesService } from './responses.service';

/** The OpenAI Responses surface: /v1/responses, on the inference core. */
@Module({
  imports: [AuthModule, InferenceModule],
  controllers: [ResponsesController],
  providers: [ResponsesService],
})
export class ResponsesModule {}
