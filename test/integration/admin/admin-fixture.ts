// A running VTN (real HTTP for VENs) with an AdminServer driven through inject(), plus report-ready test VENs.
import { afterEach } from 'vitest';
import { AdminServer, type AdminServerOptions } from '../../../src/admin/index.js';
import { reportRequestsOf, TestVen } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';

export const TOKEN = 'test-admin-token-0123456789';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of running.splice(0).reverse()) await stop();
});

export interface AdminFixture extends RunningTestVtn {
  admin: AdminServer;
  /** inject with the admin token (override headers to test auth). */
  call(method: string, url: string, opts?: { payload?: unknown; headers?: Record<string, string> }): Promise<{ status: number; json: () => any; body: string; headers: Record<string, unknown> }>;
  registeredVen(name?: string): Promise<TestVen>;
}

let n = 0;

export async function adminSetup(opts: Partial<AdminServerOptions> = {}): Promise<AdminFixture> {
  const r = await startTestVtn();
  const admin = new AdminServer({ vtn: r.vtn, config: { token: TOKEN }, processMetrics: false, env: {}, ...opts });
  running.push(() => r.close(), () => admin.close());
  return {
    ...r,
    admin,
    async call(method, url, o = {}) {
      const res = await admin.app.inject({ method: method as 'GET', url, headers: { ...AUTH, ...o.headers }, ...(o.payload !== undefined ? { payload: o.payload as object } : {}) });
      return { status: res.statusCode, json: () => res.json(), body: res.body, headers: res.headers };
    },
    async registeredVen(name = `admin-ven-${++n}`) {
      const ven = new TestVen({ baseUrl: r.baseUrl, venName: name });
      await ven.register();
      if (!ven.venId) throw new Error('registration failed');
      await ven.poll();
      return ven;
    },
  };
}

/** Subscribes every offered usage point at PT1M and sends one update with `kw`; returns the request id. */
export async function sendUsage(f: AdminFixture, ven: TestVen, kw: number[], at: Date): Promise<string> {
  f.vtn.addHandler('onRegisterReport', (offer) => (offer.measurement === 'powerReal' ? { samplingInterval: 'PT1M' } : undefined));
  const requests = reportRequestsOf(await ven.registerReports([X.telemetryUsageMetadata({ resourceId: 'meter-1' })]));
  const usage = requests.find((q) => q.reportSpecifierId === 'TELEMETRY_USAGE')!;
  await ven.updateReport([{
    reportRequestId: usage.reportRequestId, reportSpecifierId: 'TELEMETRY_USAGE', reportName: 'TELEMETRY_USAGE', dtstart: at, duration: `PT${kw.length}M`,
    intervals: kw.map((value, i) => ({ dtstart: new Date(at.getTime() + i * 60_000), duration: 'PT1M', payloads: [{ rId: 'powerReal', value }] })),
  }]);
  return usage.reportRequestId;
}
