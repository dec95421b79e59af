// Where a push VEN may make the VTN send requests: it names the target itself, so every address is checked
// (requirements §9/§10). Pure checks on the URL and on IP addresses; name resolution happens at push time.
import { isIP } from 'node:net';

export interface PushTargetRules {
  /** 127.0.0.0/8 and ::1 only when set (tests and demos on one machine). */
  allowLoopback: boolean;
  /** https only (TLS is on: pushes go over mutual TLS). */
  httpsOnly: boolean;
  /** The VTN's own listen ports (OpenADR and admin): never a target on a local address. */
  ownPorts: number[];
  /** Non-loopback addresses of this host the VTN listens on: never a target, whatever the port. */
  ownAddresses: readonly string[];
}

export const MAX_TRANSPORT_ADDRESS = 2048;

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Syntax and scheme of a transport address, and its host when that is an IP literal. */
export function checkPushTarget(address: string, rules: PushTargetRules): TargetCheck {
  if (address.length > MAX_TRANSPORT_ADDRESS) return { ok: false, reason: `oadrTransportAddress is longer than ${MAX_TRANSPORT_ADDRESS} characters` };
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, reason: 'oadrTransportAddress is not an absolute URL; give the base URL of the VEN\'s services, e.g. https://ven.example:8443/OpenADR2/Simple/2.0b' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `oadrTransportAddress must be http(s), not ${url.protocol.replace(':', '')}` };
  if (rules.httpsOnly && url.protocol !== 'https:') return { ok: false, reason: 'oadrTransportAddress must be https: the VTN pushes over mutual TLS' };
  if (url.username || url.password) return { ok: false, reason: 'oadrTransportAddress must not carry a user name or password' };
  if (url.search || url.hash) return { ok: false, reason: 'oadrTransportAddress must not carry a query or fragment' };
  const host = bareHost(url.hostname);
  if (isIP(host)) {
    const problem = addressProblem(host, portOf(url), rules);
    if (problem) return { ok: false, reason: `oadrTransportAddress ${problem}` };
  }
  return { ok: true, url };
}

export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** URL hostnames keep IPv6 literals in brackets. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** Why the VTN must not connect to `ip`:`port`, or undefined when it may. */
export function addressProblem(ip: string, port: number, rules: PushTargetRules): string | undefined {
  const v4 = ipv4Of(ip);
  const kind = v4 ? ipv4Kind(v4) : ipv6Kind(ip);
  if (kind === 'loopback') {
    if (!rules.allowLoopback) return `resolves to the loopback address ${ip} (allowed only with push.allowLoopback)`;
    if (rules.ownPorts.includes(port)) return `names the VTN's own port ${port}`;
    return undefined;
  }
  if (kind) return `resolves to the ${kind} address ${ip}, which is never a push target`;
  const bare = v4 ? v4.join('.') : ip.toLowerCase();
  if (rules.ownAddresses.some((a) => a.toLowerCase() === bare)) return `resolves to the VTN's own address ${ip}`;
  return undefined;
}

type Kind = 'loopback' | 'unspecified' | 'link-local' | 'multicast' | 'reserved' | 'IPv4-compatible' | undefined;

function ipv4Kind([a, b]: number[]): Kind {
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 169 && b === 254) return 'link-local';
  if (a! >= 224 && a! <= 239) return 'multicast';
  if (a! >= 240) return 'reserved';
  return undefined;
}

function ipv6Kind(ip: string): Kind {
  const groups = expandIpv6(ip);
  if (!groups) return 'reserved';
  if (groups.every((g) => g === 0)) return 'unspecified';
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return 'loopback';
  if ((groups[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((groups[0]! & 0xff00) === 0xff00) return 'multicast';
  // ::a.b.c.d (deprecated) would hide any IPv4 address from the checks above.
  if (groups.slice(0, 6).every((g) => g === 0)) return 'IPv4-compatible';
  return undefined;
}

/** The four octets of an IPv4 address, also when written as IPv4-mapped IPv6 (::ffff:a.b.c.d or ::ffff:xxxx:yyyy). */
export function ipv4Of(ip: string): number[] | undefined {
  if (isIP(ip) === 4) return ip.split('.').map(Number);
  const groups = expandIpv6(ip);
  if (!groups || !groups.slice(0, 5).every((g) => g === 0) || groups[5] !== 0xffff) return undefined;
  return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff];
}

function expandIpv6(ip: string): number[] | undefined {
  if (isIP(ip) !== 6) return undefined;
  let text = ip.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number);
    text = text.slice(0, -dotted[1]!.length) + `${((a! << 8) | b!).toString(16)}:${((c! << 8) | d!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array.from({ length: 8 - left.length - right.length }, () => '0');
  const all = [...left, ...fill, ...right].map((g) => parseInt(g, 16));
  return all.length === 8 && all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : undefined;
}
