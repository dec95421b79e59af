// VEN presence is stored (every instance sees it), written at most once per two poll periods (issue #12).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestVen } from '../../helpers/test-ven.js';
import { startTestVtn, TestClock, type RunningTestVtn } from '../../helpers/start-vtn.js';

const running: RunningTestVtn[] = [];
afterEach(async () => { for (const r of running.splice(0)) await r.close(); });

const presenceOf = (r: RunningTestVtn, venId: string) => r.vtn.store.unit((u) => u.collection<{ lastSeenAt: string }>('presence').get(venId));

describe('presence', () => {
  it('many polls within two poll periods write presence once; a poll two periods later writes it again', async () => {
    const clock = new TestClock('2026-06-01T12:00:00Z');
    const r = await startTestVtn({ clock, pollFreq: 'PT10S' });
    running.push(r);
    const ven = new TestVen({ baseUrl: r.baseUrl, venName: 'p' });
    await ven.register();
    await ven.poll();
    const writes = vi.spyOn(r.vtn.store, 'unit');
    for (let i = 0; i < 5; i++) { await ven.poll(); clock.advance(1000); }
    await vi.waitFor(async () => expect(await presenceOf(r, ven.venId!)).toBeDefined(), { timeout: 5000 });
    const first = (await presenceOf(r, ven.venId!))!.lastSeenAt;
    const presenceUnits = () => writes.mock.calls.filter(([, o]) => o?.label === 'presence').length;
    expect(presenceUnits()).toBe(1);
    // 13–17 s after the first write (written at 0–4 s): more than one period, less than two — not due yet.
    clock.advance(12_000);
    await ven.poll();
    await r.vtn.ctx.presence.flush();
    expect(presenceUnits()).toBe(1);
    clock.advance(10_000);
    await ven.poll();
    await r.vtn.ctx.presence.flush();
    expect((await presenceOf(r, ven.venId!))!.lastSeenAt > first).toBe(true);
    expect(presenceUnits()).toBe(2);
  });

  it('a stranger\'s polls leave no presence record', async () => {
    const r = await startTestVtn({});
    running.push(r);
    const stranger = new TestVen({ baseUrl: r.baseUrl, venName: 's' });
    stranger.venId = 'not-registered';
    expect((await stranger.poll()).type).toBe('oadrRequestReregistration');
    await r.vtn.ctx.presence.flush();
    expect(await r.vtn.store.unit((u) => u.collection('presence').count())).toBe(0);
  });
});
