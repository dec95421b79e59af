// Raw HTTP to a listening admin server: the request line is sent as written (no URL normalisation) and any
// Host or Origin header can be set, as a DNS-rebinding page or a cross-site form would.
import { request } from 'node:http';
import { adminSetup, TOKEN, type AdminFixture } from './admin-fixture.js';
import type { AdminServerOptions } from '../../../src/admin/index.js';

export interface RawReply { status: number; headers: Record<string, string | string[] | undefined>; body: string; json: () => any }

export function rawRequest(base: string, method: string, path: string, o: { headers?: Record<string, string>; body?: string } = {}): Promise<RawReply> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: { ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}), ...o.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

export interface ListeningAdmin extends AdminFixture {
  /** e.g. http://127.0.0.1:40123 */
  adminUrl: string;
  port: number;
  http(method: string, path: string, o?: { headers?: Record<string, string>; body?: string }): Promise<RawReply>;
}

/** adminSetup, listening on an ephemeral loopback port; with the fixture's token unless `tokenless`. */
export async function listeningAdmin(opts: Partial<AdminServerOptions> & { tokenless?: boolean } = {}): Promise<ListeningAdmin> {
  const { tokenless, ...rest } = opts;
  const config = { ...(tokenless ? {} : { token: TOKEN }), ...rest.config, port: 0 };
  const f = await adminSetup({ ...rest, config });
  const adminUrl = await f.admin.listen();
  return { ...f, adminUrl, port: Number(new URL(adminUrl).port), http: (method, path, o) => rawRequest(adminUrl, method, path, o) };
}

/** A valid inline event for one VEN, an hour after the fixture clock's now. */
export function eventBody(f: AdminFixture, venId: string): string {
  const dtstart = new Date(f.clock.now().getTime() + 3_600_000).toISOString();
  return JSON.stringify({ venIds: [venId], signalName: 'SIMPLE', dtstart, intervals: [{ duration: 'PT1H', payload: 1 }] });
}
