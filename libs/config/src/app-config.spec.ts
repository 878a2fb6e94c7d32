import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the defaults of API.md', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgresql://postgres@127.0.0.1:5432/keeprouter');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.gateway.port).toBe(8080);
    expect(config.upstreams.mistral.baseUrl).toBe('https://api.mistral.ai/v1');
    expect(config.admin.token).toBeUndefined();
    expect(config.database.readUrl).toBe(config.database.url);
    expect(config.database.usageRetentionMonths).toBeUndefined();
  });

  it('switches to a Redis Cluster when REDIS_CLUSTER_NODES is set', () => {
    expect(loadConfig({}).redis.clusterNodes).toBeUndefined();
    expect(
      loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:7000,10.0.0.2:7001' }).redis.clusterNodes,
    ).toEqual([
      { host: 'redis-1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'redis-1,redis-2:7001' })).toThrow(
      /REDIS_CLUSTER_NODES/,
    );
  });

  it('reads reports from DATABASE_READ_URL when set, and checks it and the retention', () => {
    const config = loadConfig({
      DATABASE_READ_URL: 'postgresql://reader@replica:5432/keeprouter',
      USAGE_RETENTION_MONTHS: '13',
    });
    expect(config.database.readUrl).toBe('postgresql://reader@replica:5432/keeprouter');
    expect(config.database.url).toBe('postgresql://postgres@127.0.0.1:5432/keeprouter');
    expect(config.database.usageRetentionMonths).toBe(13);
    expect(() => loadConfig({ DATABASE_READ_URL: 'mysql://replica/x' })).toThrow(
      /DATABASE_READ_URL/,
    );
    expect(() => loadConfig({ USAGE_RETENTION_MONTHS: '0' })).toThrow(/USAGE_RETENTION_MONTHS/);
  });

  it('names every malformed variable', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ADMIN_TOKEN: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('ADMIN_TOKEN');
  });

  it('never echoes a secret value in its error', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'tiny-secret' })).toThrow(ConfigError);
    try {
      loadConfig({ ADMIN_TOKEN: 'tiny-secret' });
    } catch (error) {
      expect((error as Error).message).not.toContain('tiny-secret');
    }
  });

  it('treats empty strings as unset and trims trailing slashes of base URLs', () => {
    const config = loadConfig({ MISTRAL_API_KEY: '', MISTRAL_BASE_URL: 'http://127.0.0.1:9/v1/' });
    expect(config.upstreams.mistral.apiKey).toBeUndefined();
    expect(config.upstreams.mistral.baseUrl).toBe('http://127.0.0.1:9/v1');
  });

  it("reads providers' keys only from variables named *_API_KEY", () => {
    const config = loadConfig({
      MISTRAL_API_KEY: 'm-key',
      TOGETHER_API_KEY: 't-key',
      ADMIN_TOKEN: 'an-admin-token-0123456789',
      DATABASE_URL: 'postgresql://u:secret@db/x',
      AWS_SECRET_ACCESS_KEY: 'aws',
      lower_api_key: 'no',
    });
    expect(config.providerKeys).toEqual({ MISTRAL_API_KEY: 'm-key', TOGETHER_API_KEY: 't-key' });
  });

  it('lets MISTRAL_BASE_URL, when set, win over the stored base URL of mistral', () => {
    expect(loadConfig({}).providerBaseUrls).toEqual({});
    expect(loadConfig({ MISTRAL_BASE_URL: 'http://127.0.0.1:9/v1/' }).providerBaseUrls).toEqual({
      mistral: 'http://127.0.0.1:9/v1',
    });
  });
});
