const DEMO_NAME = 'Demo account';

async function admin(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

/**
 * Creates a demo account funded with $10 through the admin API (the top-up is idempotent
 * per account) and issues it a fresh key: the plaintext of an older one cannot be shown again.
 */
export async function createDemoAccount(
  baseUrl: string,
  adminToken: string,
): Promise<{ accountId: string; key: string }> {
  const account = await admin(baseUrl, adminToken, 'POST', '/admin/accounts', { name: DEMO_NAME });
  await admin(
    baseUrl,
    adminToken,
    'POST',
    `/admin/accounts/${account.id}/credits`,
    { amount: '10.00', note: 'demo credit' },
    {
      'idempotency-key': `demo-credit-${account.id}`,
    },
  );
  const key = await admin(baseUrl, adminToken, 'POST', `/admin/accounts/${account.id}/keys`, {
    name: 'demo key',
  });
  return { accountId: account.id, key: key.key };
}
