import { TEST_ADMIN_TOKEN } from '@app/testing';

/** A thin admin API client over fetch, for tests. */
export function adminClient(baseUrl: string, token = TEST_ADMIN_TOKEN) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as any,
    };
  };
  return {
    call,
    createAccount: async (name = 'Test customer') =>
      (await call('POST', '/admin/accounts', { name })).body,
    credit: (accountId: string, amount: string, idempotencyKey: string) =>
      call(
        'POST',
        `/admin/accounts/${accountId}/credits`,
        { amount },
        { 'idempotency-key': idempotencyKey },
      ),
    createKey: async (accountId: string, scope?: string) =>
      (
        await call('POST', `/admin/accounts/${accountId}/keys`, {
          name: 'test',
          ...(scope ? { scope } : {}),
        })
      ).body,
    getAccount: (accountId: string) => call('GET', `/admin/accounts/${accountId}`),
  };
}
