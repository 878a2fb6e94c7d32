import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { InferenceModule } from '../inference/inference.module';
import { EmbeddingsController } from './embeddings.controller';
import { EmbeddingsService } from './embeddings.service';

/** The OpenAI embeddings surface: /v1/embeddings, on the inference core. */
@Module({
  imports: [AuthModule, InferenceModule],
  controllers: [EmbeddingsController],
  providers: [EmbeddingsService],
})
export class EmbeddingsModule {}
