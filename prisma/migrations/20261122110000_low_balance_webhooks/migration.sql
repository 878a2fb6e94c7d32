-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "low_balance_alerted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "webhook_secret" TEXT,
ADD COLUMN     "webhook_url" TEXT;
