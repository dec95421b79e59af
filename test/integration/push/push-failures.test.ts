// When a push does not arrive: 5xx and transport errors are retried a bounded number of times with backoff,
// then pushes pause until the VEN's next message; nothing loops, and the message waits for the VEN.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestVtn, type RunningTestVtn } from '../../helpers/start-vtn.js';
import { TestVen, responseCode } from '../../helpers/test-ven.js';
import { PushVen, fieldVen } from '../../helpers/push-ven.js';
import { readOne } from '../../helpers/read-store.js';
import { MemoryStore } from '../../../src/store/index.js';
import type { PendingRecord } from '../../../src/store/records.js';
import type { PushStatusRecord } from '../../../src/vtn/push-status.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start(push: Record<string, unknown>, responder: PushVen['responder']): Promise<{ vtn: RunningTestVtn; ven: PushVen; venId: string }> {
  const vtn = await startTestVtn({ push: { allowLoopback: true, attempts: 3, retryBackoff: 20, ...push } });
  cleanup.push(() => vtn.close());
  const ven = await PushVen.start({ client: new TestVen({ baseUrl: vtn.baseUrl, venName: `v-${Math.random().toString(36).slice(2, 8)}` }), responder });
  cleanup.push(() => ven.close());
  expect(responseCode(await ven.register())).toBe('200');
  return { vtn, ven, venId: ven.client.venId! };
}

const event = (vtn: RunningTestVtn, venId: string) => vtn.vtn.addEvent({
  venIds: [venId], signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(vtn.clock.now().getTime() + 3_600_000), duration: 'PT1H', payload: 1 }],
});

describe('push failures', () => {
  // response() is asked only after the VEN has answered (the field VEN answers 20 ms after the push): it must
  // find the answer already recorded (it used to wait for a next one that never came).
  it('5xx: three tries with backoff, then pushes pause (no loop) until the VEN\'s next message, which resumes them', async () => {
    let healthy = false;
    const { vtn, ven, venId } = await start({}, (m, self) => (healthy ? fieldVen(m, self) : { status: 503, body: 'busy' }));
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.suspended).toBe(true));
    expect(ven.received.map((m) => m.type)).toEqual(['oadrRegisterReport', 'oadrRegisterReport', 'oadrRegisterReport']);
    const paused = await vtn.vtn.push.status(venId);
    expect(paused).toMatchObject({ consecutiveFailures: 1, failed: 1, pending: 1, refused: [] });
    expect(paused?.lastError).toMatch(/HTTP 503: busy/);
    expect((await vtn.vtn.push.summary())).toMatchObject({ pushVens: 1, suspended: 1 });

    // A new event while paused is not pushed: it waits with the rest.
    const handle = await event(vtn, venId);
    await new Promise((r) => setTimeout(r, 200));
    expect(ven.received).toHaveLength(3);

    // The VEN speaks (here: it polls and takes the oadrRegisterReport); pushing resumes with what is left.
    healthy = true;
    expect((await ven.client.poll()).type).toBe('oadrRegisterReport');
    await vi.waitFor(() => expect(ven.all('oadrDistributeEvent')).toHaveLength(1));
    await vi.waitFor(() => expect(ven.createdEventReplies).toHaveLength(1));
    expect(await handle.response(venId)).toBe('optIn');
    expect(await vtn.vtn.push.status(venId)).toMatchObject({ suspended: false, consecutiveFailures: 0, pending: 0 });
  });

  it('connection refused: retried, then paused; the event stays pending and a poll gets it', async () => {
    const { vtn, ven, venId } = await start({}, (m, self) => fieldVen(m, self));
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.refused).toEqual(['registerReport']));
    await ven.close();
    await event(vtn, venId);
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.suspended).toBe(true));
    expect((await vtn.vtn.push.status(venId))?.lastError).toMatch(/ECONNREFUSED/);
    // Its poll is a contact: pushing resumes, fails again (bounded), and the event is still there for the next poll.
    expect((await ven.client.poll()).type).toBe('oadrRegisterReport');
    // failed counts the refused oadrRegisterReport, the first distribute and now the second.
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.failed).toBe(3));
    expect((await vtn.vtn.push.status(venId))?.suspended).toBe(true);
    expect((await ven.client.poll()).type).toBe('oadrDistributeEvent');
  });

  it('a VEN that never answers or answers too much is cut off by the time and size bounds', async () => {
    const { vtn: slowVtn, venId: slow } = await start({ timeout: 150, attempts: 1 }, () => new Promise(() => {}));
    await vi.waitFor(async () => expect((await slowVtn.vtn.push.status(slow))?.suspended).toBe(true));
    expect((await slowVtn.vtn.push.status(slow))?.lastError).toMatch(/no complete reply within 150 ms/);

    const { vtn: bigVtn, venId: big } = await start({ maxResponseBytes: 4096, attempts: 1 }, () => ({ status: 200, body: `<x>${'a'.repeat(100_000)}</x>` }));
    await vi.waitFor(async () => expect((await bigVtn.vtn.push.status(big))?.suspended).toBe(true));
    expect((await bigVtn.vtn.push.status(big))?.lastError).toMatch(/over 4096 bytes/);
  });
});

describe('stopping mid-push', () => {
  it('close() ends a push in flight at once and puts its message back, without claiming it again', async () => {
    const store = new MemoryStore();
    const vtn = await startTestVtn({ store, push: { allowLoopback: true, timeout: 'PT60S' } });
    const ven = await PushVen.start({ client: new TestVen({ baseUrl: vtn.baseUrl, venName: 'hangs' }), responder: () => new Promise(() => {}) });
    cleanup.push(() => ven.close());
    expect(responseCode(await ven.register())).toBe('200');
    const venId = ven.client.venId!;
    await vi.waitFor(async () => expect((await vtn.vtn.push.status(venId))?.inFlight).toBe('registerReport'));
    const t0 = performance.now();
    await vtn.close();
    expect(performance.now() - t0).toBeLessThan(5000);
    // The memory store stays readable after close: the message is queued again and no claim is left.
    expect(await readOne<PendingRecord>(store, 'pending', venId)).toEqual({ venId, items: [{ kind: 'registerReport' }] });
    expect((await readOne<PushStatusRecord>(store, 'pushStatus', venId))?.inFlight).toBeUndefined();
  });
});
