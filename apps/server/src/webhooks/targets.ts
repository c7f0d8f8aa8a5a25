import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Webhook targets may not reach this machine or its private network (SSRF): loopback,
 * private, link-local, carrier-grade NAT, multicast and reserved ranges are refused, both
 * when the URL is saved and at every connection (after DNS resolution, so a name that
 * later resolves to 127.0.0.1 is refused too). WEBHOOK_ALLOW_PRIVATE=true lifts it
 * (tests, or an installation whose receivers sit on its own network).
 */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address is in a range a webhook may not reach. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a target was refused, as a reason code's `problem` param (WEBHOOK_TARGET_REFUSED). */
export type TargetProblem = 'SCHEME' | 'CREDENTIALS' | 'DNS' | 'PRIVATE';

export class TargetRefused extends Error {
  constructor(
    message: string,
    readonly problem: TargetProblem,
    readonly host: string | null = null,
    readonly address: string | null = null,
  ) {
    super(message);
  }
}

/** The hostname of a URL as an address (brackets of an IPv6 literal removed). */
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Checks a URL before it is saved: http(s), and a host that resolves to public addresses only. */
export async function checkTarget(raw: string, allowPrivate: boolean): Promise<void> {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TargetRefused('The address must start with http:// or https://.', 'SCHEME');
  if (url.username || url.password)
    throw new TargetRefused('Put no user name or password in the address.', 'CREDENTIALS');
  if (allowPrivate) return;
  const host = hostOf(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new TargetRefused(`The host ${host} could not be found (DNS).`, 'DNS', host);
  }
  const inside = addresses.find(isPrivateAddress);
  if (inside)
    throw new TargetRefused(
      `The host ${host} points to ${inside}, a private or local address; webhooks only go to public addresses.`,
      'PRIVATE',
      host,
      inside,
    );
}

/** A literal IP in the URL skips DNS (and so the lookup below): it is checked here instead. */
export function literalRefused(url: URL, allowPrivate: boolean): string | null {
  const host = hostOf(url);
  return !allowPrivate && isIP(host) && isPrivateAddress(host) ? host : null;
}

/** A `lookup` for http.request that refuses private answers at connection time. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const inside = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (inside) {
        const refused = Object.assign(
          new Error(`${hostname} resolves to private address ${inside.address}`),
          {
            code: 'EPRIVATE',
          },
        );
        return callback(refused, '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
