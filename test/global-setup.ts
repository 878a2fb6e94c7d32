// Placeholder: replaced by the database bootstrap of the integration tiers.
export default async function globalSetup(): Promise<void> {}
