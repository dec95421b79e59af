// The VTN's client side of mutual TLS for pushes: its first certificate and key, and the CA VEN certificates chain to.
import type { HttpsServerOptions } from '../security/https-options.js';
import type { PushClientTls } from './push-request.js';

export function pushClientTls(server: HttpsServerOptions): PushClientTls {
  const certs = [server.cert ?? []].flat() as (string | Buffer)[];
  const keys = [server.key ?? []].flat() as (string | Buffer | { pem: string | Buffer; passphrase?: string })[];
  const key = keys[0]!;
  const pem = typeof key === 'object' && 'pem' in key ? key : { pem: key };
  return {
    cert: certs[0]!,
    key: pem.pem,
    ...(pem.passphrase !== undefined ? { passphrase: pem.passphrase } : {}),
    ca: [server.ca ?? []].flat() as (string | Buffer)[],
    ...(server.minVersion === 'TLSv1.2' || server.minVersion === 'TLSv1.3' ? { minVersion: server.minVersion } : {}),
    ...(typeof server.ciphers === 'string' ? { ciphers: server.ciphers } : {}),
  };
}
