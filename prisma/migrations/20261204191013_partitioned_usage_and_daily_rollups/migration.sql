-- Usage records partitioned by month of occurred_at (PostgreSQL declarative partitioning),
-- and daily roll-ups per account, key, model and provider written with each charge.

-- A partitioned table's primary key must contain the partition key: (id, occurred_at).
-- occurred_at is set once by the gateway when it creates the event and travels unchanged
-- with every redelivery (queue job, outbox row), so (id, occurred_at) collides exactly
-- when the event id does. The ledger keeps its unpartitioned unique usage_record_id, which
-- the charge also consults: one ledger entry, one charge, per event id, for ever.
-- The ledger's foreign key to the usage record goes: whole partitions are dropped by
-- retention while the ledger (the money) is kept.

-- DropForeignKey
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_usage_record_id_fkey";

ALTER TABLE "usage_records" RENAME TO "usage_records_unpartitioned";
ALTER TABLE "usage_records_unpartitioned" RENAME CONSTRAINT "usage_records_pkey" TO "usage_records_unpartitioned_pkey";
ALTER INDEX "usage_records_account_id_occurred_at_idx" RENAME TO "usage_records_unpartitioned_account_idx";
ALTER INDEX "usage_records_model_id_occurred_at_idx" RENAME TO "usage_records_unpartitioned_model_idx";
ALTER TABLE "usage_records_unpartitioned" DROP CONSTRAINT "usage_records_account_id_fkey";
ALTER TABLE "usage_records_unpartitioned" DROP CONSTRAINT "usage_records_api_key_id_fkey";
ALTER TABLE "usage_records_unpartitioned" DROP CONSTRAINT "usage_records_model_id_fkey";
ALTER TABLE "usage_records_unpartitioned" DROP CONSTRAINT "usage_records_price_id_fkey";
ALTER TABLE "usage_records_unpartitioned" DROP CONSTRAINT "usage_records_provider_id_fkey";

-- Token counts are 64-bit (20261204184503_bigint_token_counts made them so): said again
-- here, a no-op on a BIGINT column, so the partitioned table and every partition copied
-- from it are BIGINT whatever the history of the table.
ALTER TABLE "usage_records_unpartitioned"
  ALTER COLUMN "input_tokens" SET DATA TYPE BIGINT,
  ALTER COLUMN "output_tokens" SET DATA TYPE BIGINT,
  ALTER COLUMN "cached_input_tokens" SET DATA TYPE BIGINT;

-- CreateTable: the same columns, defaults and CHECK constraints as before (LIKE copies
-- whatever earlier migrations gave the table), partitioned by month of occurred_at.
CREATE TABLE "usage_records" (
    LIKE "usage_records_unpartitioned" INCLUDING DEFAULTS INCLUDING CONSTRAINTS
) PARTITION BY RANGE ("occurred_at");

ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_pkey" PRIMARY KEY ("id","occurred_at");

-- A row outside every monthly partition (the maintenance job creates them months ahead)
-- still has a home; creating its month's partition later moves it there.
CREATE TABLE "usage_records_default" PARTITION OF "usage_records" DEFAULT;

-- The month of `month_start` (a UTC month): creates its partition unless it exists, moving
-- any rows of that month out of the default partition first. Idempotent, and serialized
-- by an advisory lock: several workers may run their maintenance at once.
CREATE FUNCTION "usage_records_create_partition"(month_start DATE) RETURNS BOOLEAN
LANGUAGE plpgsql AS $$
DECLARE
    first_day DATE := date_trunc('month', month_start)::date;
    next_day DATE := (date_trunc('month', month_start) + interval '1 month')::date;
    part TEXT := 'usage_records_p' || to_char(first_day, 'YYYYMM');
    lower_bound TIMESTAMPTZ := (first_day::timestamp AT TIME ZONE 'UTC');
    upper_bound TIMESTAMPTZ := (next_day::timestamp AT TIME ZONE 'UTC');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('usage_records_create_partition'));
    IF to_regclass(format('%I', part)) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE "usage_records" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format(
        'WITH moved AS (DELETE FROM "usage_records_default" WHERE occurred_at >= %L AND occurred_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
        lower_bound, upper_bound, part);
    EXECUTE format('ALTER TABLE "usage_records" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
        part, lower_bound, upper_bound);
    RETURN TRUE;
END
$$;

-- The months of the existing records, this month and the next two.
DO $$
DECLARE
    m DATE;
BEGIN
    FOR m IN
        SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date FROM "usage_records_unpartitioned"
        UNION
        SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => k))::date
          FROM generate_series(0, 2) AS k
    LOOP
        PERFORM "usage_records_create_partition"(m);
    END LOOP;
END
$$;

INSERT INTO "usage_records" SELECT * FROM "usage_records_unpartitioned";
DROP TABLE "usage_records_unpartitioned";

-- CreateIndex
CREATE INDEX "usage_records_account_id_occurred_at_idx" ON "usage_records"("account_id", "occurred_at");

-- CreateIndex
CREATE INDEX "usage_records_model_id_occurred_at_idx" ON "usage_records"("model_id", "occurred_at");

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_price_id_fkey" FOREIGN KEY ("price_id") REFERENCES "prices"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_records" ADD CONSTRAINT "usage_records_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateTable: one row per UTC day, account, key, model and provider; the sums of the
-- usage records of that day, kept in the charge's transaction. Derived data: no foreign
-- keys (the records carry them), kept when retention drops raw partitions.
CREATE TABLE "usage_daily_rollups" (
    "day" DATE NOT NULL,
    "account_id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "requests" BIGINT NOT NULL,
    "input_tokens" BIGINT NOT NULL,
    "output_tokens" BIGINT NOT NULL,
    "cached_input_tokens" BIGINT NOT NULL,
    "cost" DECIMAL(38,18) NOT NULL,

    CONSTRAINT "usage_daily_rollups_pkey" PRIMARY KEY ("account_id","day","api_key_id","model_id","provider_id")
);

INSERT INTO "usage_daily_rollups" (day, account_id, api_key_id, model_id, provider_id, requests,
    input_tokens, output_tokens, cached_input_tokens, cost)
SELECT (occurred_at AT TIME ZONE 'UTC')::date, account_id, api_key_id, model_id, provider_id, count(*),
       sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(cost)
  FROM "usage_records"
 GROUP BY 1, 2, 3, 4, 5;
