-- Providers as data: a model is served by endpoints (provider + the provider's model id) in
-- preference order, each provider has its own prices, and a usage record names the provider
-- that served it. Existing installs keep working unchanged: `mistral` is seeded with today's
-- configuration (its key in MISTRAL_API_KEY; MISTRAL_BASE_URL still overrides the base URL),
-- every model's upstream becomes its one endpoint, and every price and usage record so far
-- belongs to the provider that served the model.

-- CreateEnum
CREATE TYPE "ProviderDialect" AS ENUM ('openai', 'anthropic');

-- CreateTable
CREATE TABLE "providers" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dialect" "ProviderDialect" NOT NULL,
    "base_url" TEXT NOT NULL,
    "api_key_env" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_endpoints" (
    "model_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "upstream_model" TEXT NOT NULL,

    CONSTRAINT "model_endpoints_pkey" PRIMARY KEY ("model_id","provider_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "model_endpoints_model_id_position_key" ON "model_endpoints"("model_id", "position");

-- AddForeignKey
ALTER TABLE "model_endpoints" ADD CONSTRAINT "model_endpoints_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_endpoints" ADD CONSTRAINT "model_endpoints_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Seed: the one upstream of today's configuration.
INSERT INTO "providers" ("id", "name", "dialect", "base_url", "api_key_env", "updated_at")
VALUES ('mistral', 'Mistral AI', 'openai', 'https://api.mistral.ai/v1', 'MISTRAL_API_KEY', CURRENT_TIMESTAMP);

-- Every model's upstream becomes its first (and only) endpoint.
INSERT INTO "model_endpoints" ("model_id", "provider_id", "position", "upstream_model")
SELECT "id", "upstream_provider", 0, "upstream_model" FROM "models";

-- AlterTable: prices belong to a (model, provider); the existing ones to the model's upstream.
ALTER TABLE "prices" ADD COLUMN "provider_id" TEXT;
UPDATE "prices" p SET "provider_id" = m."upstream_provider" FROM "models" m WHERE m."id" = p."model_id";
ALTER TABLE "prices" ALTER COLUMN "provider_id" SET NOT NULL;

-- DropIndex
DROP INDEX "prices_model_id_effective_from_key";

-- CreateIndex
CREATE UNIQUE INDEX "prices_model_id_provider_id_effective_from_key" ON "prices"("model_id", "provider_id", "effective_from");

-- AddForeignKey
ALTER TABLE "prices" ADD CONSTRAINT "prices_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable: a usage record names the provider that served it; so far, its price's provider.
ALTER TABLE "usage_records" ADD COLUMN "provider_id" TEXT;
UPDATE "usage_records" u SET "provider_id" = p."provider_id" FROM "prices" p WHERE p."id" = u."price_id";
ALTER TABLE "usage_records" ALTER COLUMN "provider_id" SET NOT NULL;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Not expressible in Prisma's schema language: positions count from 0; a provider's key is
-- named, never stored, and the name is an environment variable's.
ALTER TABLE "model_endpoints" ADD CONSTRAINT "model_endpoints_position_check" CHECK ("position" >= 0);
ALTER TABLE "providers" ADD CONSTRAINT "providers_api_key_env_check" CHECK ("api_key_env" IS NULL OR "api_key_env" ~ '^[A-Z][A-Z0-9_]*$');
