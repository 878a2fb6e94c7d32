-- Key limits (issue 10): a spend limit's window, tokens per minute, and the key's spend in
-- its current window (kept by the worker with each charge, so a limit check never sums
-- usage records).
CREATE TYPE "SpendLimitPeriod" AS ENUM ('day', 'week', 'month');

ALTER TABLE "api_keys"
  ADD COLUMN "spend_limit_period" "SpendLimitPeriod",
  ADD COLUMN "tokens_per_minute" INTEGER,
  ADD COLUMN "period_start" TIMESTAMPTZ(3),
  ADD COLUMN "period_spent" DECIMAL(38,18) NOT NULL DEFAULT 0;

-- Not expressible in Prisma's schema language: limits are positive.
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tokens_per_minute_check" CHECK ("tokens_per_minute" IS NULL OR "tokens_per_minute" > 0);

-- A low-balance crossing found by a charge, until its webhook is handed to the queue: a
-- crossing is marked sent only once sent, so a failure after the commit cannot lose it.
ALTER TABLE "accounts" ADD COLUMN "low_balance_webhook_pending" JSONB;
