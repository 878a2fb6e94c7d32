-- Token counts are 64-bit: a usage event may carry up to 2^53 - 1 tokens (its schema's
-- bound), and one count beyond 32 bits must not fail its whole batch on every retry.
ALTER TABLE "usage_records"
  ALTER COLUMN "input_tokens" SET DATA TYPE BIGINT,
  ALTER COLUMN "output_tokens" SET DATA TYPE BIGINT,
  ALTER COLUMN "cached_input_tokens" SET DATA TYPE BIGINT;
