-- Cache writes (Anthropic's cache_creation_input_tokens) priced on their own (issue 12):
-- a rate per (model, provider) price, null meaning the input rate; usage records keep the
-- count, a part of input_tokens as cached_input_tokens is.
ALTER TABLE "prices" ADD COLUMN "cache_write_input_per_million" DECIMAL(38,18);
ALTER TABLE "usage_records" ADD COLUMN "cache_write_input_tokens" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "prices" ADD CONSTRAINT "prices_cache_write_non_negative_check" CHECK (
  "cache_write_input_per_million" IS NULL OR "cache_write_input_per_million" >= 0);
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_cache_write_check" CHECK (
  "cache_write_input_tokens" = 0
  OR ("cache_write_input_tokens" > 0 AND "cache_write_input_tokens" + "cached_input_tokens" <= "input_tokens"));
