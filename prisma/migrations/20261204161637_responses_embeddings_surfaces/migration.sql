-- AlterEnum: the OpenAI Responses API and embeddings surfaces (issue 11).
ALTER TYPE "ApiSurface" ADD VALUE 'responses';
ALTER TYPE "ApiSurface" ADD VALUE 'embeddings';
