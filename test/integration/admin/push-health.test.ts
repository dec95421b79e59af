// Push health for the operator: GET /admin/v1/vens/{id} carries it, GET /admin/v1/push sums it up, a resume
// pushes refused kinds once more, and /metrics counts pushes (vtn_push_*).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { TestVen, responseCode } from '../../helpers/test-ven.js';
import { PushVen } from '../../helpers/push-ven.js';

let vtn: RunningTestVtn | undefined;
let ven: PushVen | undefined;
let admin: AdminServer | undefined;
afterEach(async () => {
  await admin?.close();
  await ven?.close();
  await vtn?.close();
  admin = ven = vtn = undefined;
});

describe('push health in the admin API and metrics', () => {
  it('shows mode, refusals, pending and counts; resume pushes the refused kind again', async () => {
    vtn = await startTestVtn({ push: { allowLoopback: true } });
    admin = new AdminServer({ vtn: vtn.vtn, processMetrics: false });
    ven = await PushVen.start({ client: new TestVen({ baseUrl: vtn.baseUrl, venName: 'health' }) });
    expect(responseCode(await ven.register())).toBe('200');
    const venId = ven.client.venId!;
    const get = async (url: string) => (await admin!.app.inject({ method: 'GET', url })).json();
    await vi.waitFor(async () => expect((await get(`/admin/v1/vens/${venId}`)).push.refused).toEqual(['registerReport']));
    const detail = await get(`/admin/v1/vens/${venId}`);
    expect(detail.push).toMatchObject({ mode: 'push', transportAddress: ven.transportAddress, failed: 1, delivered: 0, pending: 1, suspended: false });
    expect(detail.push.lastError).toBe('HTTP 400');
    expect(await get('/admin/v1/push')).toMatchObject({ enabled: true, pushVens: 1, failing: 1, withRefusals: 1, failed: 1 });

    const resumed = await admin.app.inject({ method: 'POST', url: `/admin/v1/vens/${venId}/push/resume` });
    expect(resumed.statusCode).toBe(200);
    await vi.waitFor(() => expect(ven!.all('oadrRegisterReport')).toHaveLength(2));
    const metrics = (await admin.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/vtn_push_messages_total\{type="oadrRegisterReport",outcome="refused"\} [12]/);
    expect(metrics).toMatch(/vtn_push_vens 1/);
  });

  it('a pull VEN is shown as pull', async () => {
    vtn = await startTestVtn({});
    admin = new AdminServer({ vtn: vtn.vtn, processMetrics: false });
    const pull = new TestVen({ baseUrl: vtn.baseUrl, venName: 'puller' });
    await pull.register();
    const detail = (await admin.app.inject({ method: 'GET', url: `/admin/v1/vens/${pull.venId}` })).json();
    expect(detail.push).toMatchObject({ mode: 'pull', delivered: 0, pending: 1 });
  });
});
