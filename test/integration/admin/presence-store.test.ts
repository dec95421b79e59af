// VEN presence is stored state: it survives a restart of the VTN, and an admin API on another instance sharing
// the store sees the polls that reached the first one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { FileStore, MemoryStore } from '../../../src/store/index.js';
import { readOne } from '../../helpers/read-store.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { TestVen } from '../../helpers/test-ven.js';
import { AUTH, TOKEN } from './admin-fixture.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => { for (const c of cleanup.splice(0).reverse()) await c(); });

const quiet = { info() {}, warn() {}, error() {} };

async function withAdmin(r: RunningTestVtn) {
  const admin = new AdminServer({ vtn: r.vtn, config: { token: TOKEN }, processMetrics: false, env: {} });
  cleanup.push(() => admin.close());
  return async (url: string) => (await admin.app.inject({ method: 'GET', url, headers: AUTH })).json();
}

async function registered(r: RunningTestVtn, name: string): Promise<TestVen> {
  const ven = new TestVen({ baseUrl: r.baseUrl, venName: name });
  await ven.register();
  await ven.poll();
  return ven;
}

describe('VEN presence in the store', () => {
  it('a restarted VTN still knows when each VEN was last seen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vtn-presence-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const clock = new TestClock();
    const first = await startTestVtn({ store: new FileStore({ dataDir, logger: quiet }), clock });
    const ven = await registered(first, 'remembered');
    const seenAt = clock.now().toISOString();
    // Stopping writes what the instance heard but had not written yet (it batches).
    await first.close();

    clock.advance(5_000);
    const second = await startTestVtn({ store: new FileStore({ dataDir, logger: quiet }), clock });
    cleanup.push(() => second.close());
    expect(await readOne(second.vtn.store, 'presence', ven.venId!)).toEqual({ venId: ven.venId, lastSeenAt: seenAt });
    const get = await withAdmin(second);
    expect(await get('/admin/v1/vens')).toEqual([expect.objectContaining({ venId: ven.venId, lastSeen: seenAt, online: true })]);
    // 3 poll periods (PT10S) after the last message it is offline, from the stored time alone.
    clock.advance(25_001);
    expect((await get(`/admin/v1/vens/${ven.venId}`)).ven).toMatchObject({ lastSeen: seenAt, online: false });
  });

  it('polls that reach one instance show on the admin API of another sharing the store', async () => {
    const store = new MemoryStore();
    await store.open();
    const clock = new TestClock();
    const a = await startTestVtn({ store, clock });
    const b = await startTestVtn({ store, clock });
    cleanup.push(() => a.close(), () => b.close());
    const getB = await withAdmin(b);
    const ven = await registered(a, 'polls-a');
    // A's batch reaches the store within about a second; B has heard nothing itself.
    const online = [expect.objectContaining({ venId: ven.venId, lastSeen: clock.now().toISOString() })];
    await vi.waitFor(async () => expect(await getB('/admin/v1/vens?online=true')).toEqual(online), { timeout: 5_000, interval: 50 });
    // After two poll periods the next message is written again (at most once per two periods): B sees the new time.
    clock.advance(25_000);
    await ven.poll();
    const polledAt = clock.now().toISOString();
    await vi.waitFor(async () => expect((await getB(`/admin/v1/vens/${ven.venId}`)).ven.lastSeen).toBe(polledAt), { timeout: 5_000, interval: 50 });
  });
});
