import { type CheckedAddress, WebhookUrlPolicy, WebhookUrlRefused } from './webhook-url.policy';

/** A DNS of its own: names to addresses, so that no test depends on the real one. */
const dns =
  (records: Record<string, string[]>) =>
  async (host: string): Promise<CheckedAddress[]> =>
    (records[host] ?? []).map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));

describe('WebhookUrlPolicy', () => {
  const records = {
    'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'internal.example.com': ['10.0.0.7'],
    'rebind.example.com': ['93.184.215.14', '127.0.0.1'],
    'mapped.example.com': ['::ffff:169.254.169.254'],
    'metadata.example.com': ['169.254.169.254'],
  };
  const policy = new WebhookUrlPolicy([], dns(records));

  it('accepts a host that resolves only to public addresses, answering them', async () => {
    await expect(policy.check('https://hooks.example.com/keeprouter')).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
  });

  it.each([
    ['a name resolving to a private address', 'https://internal.example.com/h'],
    ['a name with one loopback address among public ones', 'http://rebind.example.com/h'],
    ['a name resolving to an IPv4-mapped link-local address', 'http://mapped.example.com/h'],
    ['a name resolving to the metadata service', 'http://metadata.example.com/latest'],
    ['the loopback literal', 'http://127.0.0.1:8080/h'],
    ['the IPv6 loopback literal', 'http://[::1]:8080/h'],
    ['an IPv4-mapped IPv6 literal', 'http://[::ffff:127.0.0.1]/h'],
    ['the unspecified address', 'http://0.0.0.0/h'],
    ['a decimal-integer loopback', 'http://2130706433/h'],
    ['a carrier-grade NAT address', 'http://100.64.1.1/h'],
    ['a name that does not resolve', 'https://nowhere.example.com/h'],
    ['another scheme', 'file:///etc/passwd'],
    ['no URL at all', 'not a url'],
  ])('refuses %s', async (_what, url) => {
    await expect(policy.check(url)).rejects.toBeInstanceOf(WebhookUrlRefused);
  });

  it('says which address was refused and how an operator allows it', async () => {
    await expect(policy.check('https://internal.example.com/h')).rejects.toThrow(
      "webhook_url host 'internal.example.com' resolves to 10.0.0.7, which is a loopback, private or reserved address; an operator can allow it with WEBHOOK_ALLOWED_HOSTS",
    );
  });

  it('accepts a host the operator allow-listed, as written, whatever it resolves to', async () => {
    const allowing = new WebhookUrlPolicy(
      ['internal.example.com', ' 127.0.0.1 ', '[::1]'],
      dns(records),
    );
    await expect(allowing.check('https://INTERNAL.example.com/h')).resolves.toEqual([]);
    await expect(allowing.check('http://127.0.0.1:9000/h')).resolves.toEqual([]);
    await expect(allowing.check('http://[::1]:9000/h')).resolves.toEqual([]);
    await expect(allowing.check('http://rebind.example.com/h')).rejects.toBeInstanceOf(
      WebhookUrlRefused,
    );
  });
});
