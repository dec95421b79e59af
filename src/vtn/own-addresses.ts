// The non-loopback addresses a VTN listening on `host` answers on: a push VEN may not name them.
import { networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

const UNSPECIFIED = new Set(['0.0.0.0', '::', '']);

export function ownAddressesFor(host: string): string[] {
  if (UNSPECIFIED.has(host)) {
    return Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal).map((i) => i!.address.toLowerCase());
  }
  return isIP(host) && !host.startsWith('127.') && host !== '::1' ? [host.toLowerCase()] : [];
}
