import { adminClient } from './support/admin-client';
import { startSystem, type TestSystem } from './support/system';

const SECRET = 'sk-backup-provider-secret-0123456789';

/** Providers as data: list, create, change, audited; a key is named, never shown. */
describe('admin providers API', () => {
  let system: TestSystem;
  let admin: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    system = await startSystem({ worker: false, env: { BACKUP_API_KEY: SECRET } });
    admin = adminClient(system.gateway.url);
  });
  afterAll(async () => {
    await system.stop();
  });

  it('refuses every route without the admin token', async () => {
    const stranger = adminClient(system.gateway.url, 'not-the-token');
    expect((await stranger.call('GET', '/admin/providers')).status).toBe(401);
    const put = await stranger.call('PUT', '/admin/providers/backup', {
      name: 'Backup',
      dialect: 'openai',
      base_url: 'https://backup.example/v1',
      api_key_env: 'BACKUP_API_KEY',
    });
    expect(put.status).toBe(401);
    expect(await system.prisma.provider.count()).toBe(1);
  });

  it('lists mistral as seeded, with the base URL the environment imposes', async () => {
    const list = await admin.call('GET', '/admin/providers');
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      object: 'list',
      data: [
        {
          id: 'mistral',
          object: 'provider',
          name: 'Mistral AI',
          dialect: 'openai',
          base_url: 'https://api.mistral.ai/v1',
          api_key_env: 'MISTRAL_API_KEY',
          api_key_configured: true,
          base_url_override: system.upstream.url.replace(/\/+$/, ''),
          created_at: expect.any(String),
          updated_at: expect.any(String),
        },
      ],
    });
  });

  it('creates and changes a provider, audited, naming its key but never showing it', async () => {
    const body = {
      name: 'Backup Cloud',
      dialect: 'anthropic',
      base_url: 'https://backup.example/v1/',
      api_key_env: 'BACKUP_API_KEY',
    };
    const created = await admin.call('PUT', '/admin/providers/backup', body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      id: 'backup',
      name: 'Backup Cloud',
      dialect: 'anthropic',
      base_url: 'https://backup.example/v1',
      api_key_env: 'BACKUP_API_KEY',
      api_key_configured: true,
      base_url_override: null,
    });
    const changed = await admin.call('PUT', '/admin/providers/backup', {
      ...body,
      dialect: 'openai',
      api_key_env: 'OTHER_API_KEY',
    });
    expect(changed.body).toMatchObject({
      dialect: 'openai',
      api_key_env: 'OTHER_API_KEY',
      api_key_configured: false,
    });
    const audit = await system.prisma.auditLog.findMany({
      where: { targetType: 'provider', targetId: 'backup' },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual(['provider.create', 'provider.update']);
    expect(audit[1].before).toMatchObject({ dialect: 'anthropic', api_key_env: 'BACKUP_API_KEY' });
    expect(audit[1].after).toMatchObject({ dialect: 'openai', api_key_env: 'OTHER_API_KEY' });
    const everything = JSON.stringify([
      audit.map((entry) => [entry.before, entry.after]),
      (await admin.call('GET', '/admin/providers')).body,
      await system.prisma.provider.findMany(),
    ]);
    expect(everything).not.toContain(SECRET);
  });

  it.each([
    ['a key instead of its name', { api_key_env: SECRET }, 'api_key_env'],
    ['a variable the gateway owns', { api_key_env: 'DATABASE_URL' }, 'api_key_env'],
    ['the admin token', { api_key_env: 'ADMIN_TOKEN' }, 'api_key_env'],
    ['an unknown dialect', { dialect: 'gemini' }, 'dialect'],
    ['a URL with credentials', { base_url: 'https://user:pw@backup.example/v1' }, 'base_url'],
    ['not a URL', { base_url: 'backup.example' }, 'base_url'],
    ['an empty name', { name: '' }, 'name'],
    ['an unknown field', { api_key: 'x' }, 'api_key'],
  ])('refuses %s with a 400, changing nothing', async (_label, change, param) => {
    const before = await system.prisma.provider.findMany({ orderBy: { id: 'asc' } });
    const answer = await admin.call('PUT', '/admin/providers/refused', {
      name: 'Refused',
      dialect: 'openai',
      base_url: 'https://refused.example/v1',
      api_key_env: 'REFUSED_API_KEY',
      ...change,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain(param);
    expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    expect(await system.prisma.provider.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('refuses a malformed provider id', async () => {
    const answer = await admin.call('PUT', '/admin/providers/Not_Valid', {
      name: 'X',
      dialect: 'openai',
      base_url: 'https://x.example',
      api_key_env: null,
    });
    expect(answer.status).toBe(400);
  });

  it('serves a model by endpoints in preference order, and prices per provider', async () => {
    const put = await admin.call('PUT', '/admin/models/codestral-latest', {
      endpoints: [
        { provider: 'mistral', upstream_model: 'codestral-2501' },
        { provider: 'backup', upstream_model: 'vendor/codestral' },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.endpoints).toEqual([
      { provider: 'mistral', upstream_model: 'codestral-2501', current_price: expect.any(Object) },
      { provider: 'backup', upstream_model: 'vendor/codestral', current_price: null },
    ]);
    expect(put.body).toMatchObject({
      upstream_provider: 'mistral',
      upstream_model: 'codestral-2501',
    });

    const price = await admin.call('POST', '/admin/models/codestral-latest/prices', {
      provider: 'backup',
      input_per_million: '0.25',
      output_per_million: '0.75',
    });
    expect(price.status).toBe(201);
    expect(price.body).toMatchObject({ provider: 'backup', input_per_million: '0.25' });
    const defaulted = await admin.call('POST', '/admin/models/codestral-latest/prices', {
      input_per_million: '0.3',
      output_per_million: '0.9',
    });
    expect(defaulted.body.provider).toBe('mistral');

    const model = await admin.call('GET', '/admin/models/codestral-latest');
    expect(model.body.endpoints[1].current_price).toMatchObject({
      provider: 'backup',
      output_per_million: '0.75',
    });
    expect(model.body.current_price).toMatchObject({
      provider: 'mistral',
      input_per_million: '0.3',
    });

    const page = await (await fetch(`${system.gateway.url}/models/codestral-latest.md`)).text();
    expect(page).toContain('| Served by | Mistral AI, Backup Cloud |');
  });

  it.each([
    ['an unknown provider', { endpoints: [{ provider: 'nobody', upstream_model: 'x' }] }],
    [
      'a provider twice',
      {
        endpoints: [
          { provider: 'mistral', upstream_model: 'x' },
          { provider: 'mistral', upstream_model: 'y' },
        ],
      },
    ],
    ['no endpoint', { endpoints: [] }],
    [
      'an endpoint with an extra field',
      { endpoints: [{ provider: 'mistral', upstream_model: 'x', weight: 2 }] },
    ],
    [
      'both forms',
      { endpoints: [{ provider: 'mistral', upstream_model: 'x' }], upstream_model: 'y' },
    ],
  ])('refuses endpoints with %s, changing nothing', async (_label, body) => {
    const before = await system.prisma.modelEndpoint.findMany({
      where: { modelId: 'ministral-3b-latest' },
    });
    const answer = await admin.call('PUT', '/admin/models/ministral-3b-latest', body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('endpoints');
    expect(
      await system.prisma.modelEndpoint.findMany({ where: { modelId: 'ministral-3b-latest' } }),
    ).toEqual(before);
  });

  it('refuses a price for an unknown provider', async () => {
    const answer = await admin.call('POST', '/admin/models/ministral-3b-latest/prices', {
      provider: 'nobody',
      input_per_million: '1',
      output_per_million: '1',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain('nobody');
  });
});
