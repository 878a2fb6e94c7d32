import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach unless an operator names the host: this machine,
 * its networks and the cloud metadata service. IPv4-mapped and IPv4-compatible IPv6
 * addresses are judged as the IPv4 address they carry.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 (unspecified)
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: reaches IPv4 addresses through a translator
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some stacks)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** Why an address is refused, or undefined when a webhook may reach it. */
export function blockedAddressReason(address: string): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'is not an IP address';
  const ipv4 = family === 4 ? address : embeddedIpv4(address);
  if (ipv4 !== undefined) {
    return blocked.check(ipv4, 'ipv4') ? 'is a loopback, private or reserved address' : undefined;
  }
  return blocked.check(address, 'ipv6') ? 'is a loopback, private or reserved address' : undefined;
}

/**
 * The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`, `::ffff:7f00:1`) or
 * IPv4-compatible (`::a.b.c.d`) IPv6 address, in dotted form; undefined for any other.
 */
function embeddedIpv4(address: string): string | undefined {
  const words = expandIpv6(address);
  if (words.slice(0, 5).some((word) => word !== 0)) return undefined;
  if (words[5] !== 0xffff && words[5] !== 0) return undefined;
  if (words[5] === 0 && words[6] === 0) return undefined; // :: and ::1 are IPv6's own
  return [words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.');
}

/** The eight 16-bit words of an IPv6 address (zone index dropped). */
function expandIpv6(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headWords = head ? head.split(':') : [];
  const tailWords = tail ? tail.split(':') : [];
  const zeros: string[] =
    tail === undefined ? [] : new Array<string>(8 - headWords.length - tailWords.length).fill('0');
  return [...headWords, ...zeros, ...tailWords].map((word) => parseInt(word, 16));
}
