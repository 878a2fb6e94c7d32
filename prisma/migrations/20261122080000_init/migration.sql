-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('active', 'suspended');

-- CreateEnum
CREATE TYPE "KeyScope" AS ENUM ('inference', 'management');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('active', 'retired');

-- CreateEnum
CREATE TYPE "ApiSurface" AS ENUM ('openai', 'anthropic');

-- CreateEnum
CREATE TYPE "LedgerKind" AS ENUM ('credit', 'adjustment', 'usage');

-- CreateTable
CREATE TABLE "accounts" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "status" "AccountStatus" NOT NULL DEFAULT 'active',
    "balance" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "spent_total" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "low_balance_threshold" DECIMAL(38,18),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "prefix" TEXT NOT NULL,
    "scope" "KeyScope" NOT NULL DEFAULT 'inference',
    "spend_limit" DECIMAL(38,18),
    "spent_total" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "models" (
    "id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "maker" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "modality" TEXT NOT NULL DEFAULT 'text',
    "capabilities" TEXT[],
    "upstream_provider" TEXT NOT NULL,
    "upstream_model" TEXT NOT NULL,
    "status" "ModelStatus" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "prices" (
    "id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "input_per_million" DECIMAL(38,18) NOT NULL,
    "output_per_million" DECIMAL(38,18) NOT NULL,
    "cached_input_per_million" DECIMAL(38,18),
    "effective_from" TIMESTAMPTZ(3) NOT NULL,
    "created_by" TEXT NOT NULL DEFAULT 'system',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "prices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_records" (
    "id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "price_id" TEXT NOT NULL,
    "surface" "ApiSurface" NOT NULL,
    "streamed" BOOLEAN NOT NULL DEFAULT false,
    "input_tokens" INTEGER NOT NULL,
    "output_tokens" INTEGER NOT NULL,
    "cached_input_tokens" INTEGER NOT NULL DEFAULT 0,
    "cost" DECIMAL(38,18) NOT NULL,
    "estimated" BOOLEAN NOT NULL DEFAULT false,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "priced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" BIGSERIAL NOT NULL,
    "account_id" TEXT NOT NULL,
    "kind" "LedgerKind" NOT NULL,
    "amount" DECIMAL(38,18) NOT NULL,
    "balance_after" DECIMAL(38,18) NOT NULL,
    "usage_record_id" TEXT,
    "idempotency_key" TEXT,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "key" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "request_hash" CHAR(64) NOT NULL,
    "response_status" INTEGER NOT NULL,
    "response_body" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("route","key")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" BIGSERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_account_id_idx" ON "api_keys"("account_id");

-- CreateIndex
CREATE UNIQUE INDEX "prices_model_id_effective_from_key" ON "prices"("model_id", "effective_from");

-- CreateIndex
CREATE INDEX "usage_records_account_id_occurred_at_idx" ON "usage_records"("account_id", "occurred_at");

-- CreateIndex
CREATE INDEX "usage_records_model_id_occurred_at_idx" ON "usage_records"("model_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_usage_record_id_key" ON "ledger_entries"("usage_record_id");

-- CreateIndex
CREATE INDEX "ledger_entries_account_id_id_idx" ON "ledger_entries"("account_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_account_id_idempotency_key_key" ON "ledger_entries"("account_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "audit_logs_target_type_target_id_idx" ON "audit_logs"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "prices" ADD CONSTRAINT "prices_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_price_id_fkey" FOREIGN KEY ("price_id") REFERENCES "prices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_usage_record_id_fkey" FOREIGN KEY ("usage_record_id") REFERENCES "usage_records"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Constraints Prisma's schema language cannot express: the database, not only the code,
-- refuses negative prices and token counts, and a usage entry without its usage record.
ALTER TABLE "prices" ADD CONSTRAINT "prices_non_negative_check" CHECK (
    "input_per_million" >= 0 AND "output_per_million" >= 0
    AND ("cached_input_per_million" IS NULL OR "cached_input_per_million" >= 0)
);
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_spend_limit_check" CHECK ("spend_limit" IS NULL OR "spend_limit" >= 0);
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_non_negative_check" CHECK (
    "input_tokens" >= 0 AND "output_tokens" >= 0 AND "cached_input_tokens" >= 0
    AND "cached_input_tokens" <= "input_tokens" AND "cost" >= 0
);
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_usage_link_check" CHECK (
    ("kind" = 'usage') = ("usage_record_id" IS NOT NULL)
);
