-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "rate_limit_per_minute" INTEGER;

-- AlterTable
ALTER TABLE "models" ADD COLUMN     "default_max_output_tokens" INTEGER NOT NULL DEFAULT 4096;

-- Not expressible in Prisma's schema language: limits and caps are positive.
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_rate_limit_check" CHECK ("rate_limit_per_minute" IS NULL OR "rate_limit_per_minute" > 0);
ALTER TABLE "models" ADD CONSTRAINT "models_default_max_output_tokens_check" CHECK ("default_max_output_tokens" > 0);
