import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { blockedAddressReason } from './blocked-addresses';

/** One resolved address a webhook may connect to. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all of its addresses (dns.lookup by default: what a connect uses). */
export type HostResolver = (host: string) => Promise<CheckedAddress[]>;

const resolveWithDns: HostResolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** A webhook URL refused: the message says why, and is safe to show to the customer. */
export class WebhookUrlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookUrlRefused';
  }
}

/**
 * Where a webhook may go. An http(s) URL whose host resolves only to public addresses is
 * accepted; one that resolves (now: DNS may change, so delivery checks again) to a
 * loopback, link-local, private, carrier-grade NAT, unspecified or reserved address, IPv4
 * or IPv6, is refused unless the operator names its host in WEBHOOK_ALLOWED_HOSTS.
 */
export class WebhookUrlPolicy {
  private readonly allowedHosts: ReadonlySet<string>;

  constructor(
    allowedHosts: readonly string[],
    private readonly resolve: HostResolver = resolveWithDns,
  ) {
    this.allowedHosts = new Set(allowedHosts.map(normalizeHost));
  }

  /**
   * The addresses a delivery to this URL may connect to (all the host resolves to, each
   * checked), or WebhookUrlRefused. An allow-listed host answers an empty list: resolve
   * it as usual.
   */
  async check(url: string): Promise<CheckedAddress[]> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new WebhookUrlRefused('webhook_url must be an http(s) URL');
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new WebhookUrlRefused('webhook_url must be an http(s) URL');
    }
    const host = normalizeHost(parsed.hostname);
    if (this.allowedHosts.has(host)) return [];
    const literal = isIP(host);
    const addresses: CheckedAddress[] =
      literal !== 0 ? [{ address: host, family: literal === 6 ? 6 : 4 }] : await this.lookup(host);
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) {
        throw new WebhookUrlRefused(
          `webhook_url host '${host}' resolves to ${address}, which ${reason}; ` +
            'an operator can allow it with WEBHOOK_ALLOWED_HOSTS',
        );
      }
    }
    return addresses;
  }

  private async lookup(host: string): Promise<CheckedAddress[]> {
    let addresses: CheckedAddress[];
    try {
      addresses = await this.resolve(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      throw new WebhookUrlRefused(`webhook_url host '${host}' does not resolve`);
    }
    return addresses;
  }
}

/** Lower case, without the brackets of an IPv6 literal or a trailing dot. */
function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}
