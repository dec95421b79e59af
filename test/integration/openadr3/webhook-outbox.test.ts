// A change's webhook notifications outlive the process sending them: the change is kept in the store's outbox until
// they settle, and after a stop mid-retry the VTN on the same state (here: restarted on its data folder) takes the
// change over once the lease ran out and delivers it — at least once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OUTBOX } from '../../../src/openadr3/notify/webhook-outbox.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

const WAIT = { timeout: 15_000, interval: 20 };
const open: { close(): Promise<void> }[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close().catch(() => undefined);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const start = async (dataDir: string, webhooks: Record<string, unknown>): Promise<Oadr3World> => {
  const world = await startOadr3Vtn({ vtn: { inMemory: false, dataDir }, openadr3: { callbackAllow: ['http://127.0.0.1:'], webhooks: { verifyCallbacks: false, outboxLease: 'PT1S', ...webhooks } } });
  open.push(world);
  return world;
};
const outboxSize = (w: Oadr3World) => w.vtn.store.unit((u) => u.collection(OUTBOX).count());
const eventBody = (programID: string) => ({
  programID, intervalPeriod: { start: new Date(Date.now() + 7_200_000).toISOString(), duration: 'PT1H' }, intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }],
});

describe('webhook outbox', () => {
  async function worldWithSubscriber(dataDir: string, receiver: WebhookReceiver, webhooks: Record<string, unknown> = {}) {
    const world = await start(dataDir, webhooks);
    const bl = await world.tokenFor('bl', 'bl');
    const program = await world.call<{ id: string }>('createProgram', { token: bl, body: { programName: 'outbox-program' } });
    const sub = await world.call('createSubscription', { token: bl, body: { clientName: 'ops', objectOperations: [{ objects: ['EVENT'], operations: ['CREATE'], callbackUrl: `${receiver.origin}/hook` }] } });
    expect(sub.status).toBe(201);
    return { world, bl, programID: program.body.id };
  }

  it('keeps a change until its notification is delivered, then removes it; a change nobody subscribed to writes nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outbox-')); dirs.push(dataDir);
    const receiver = await startWebhookReceiver(); open.push(receiver);
    const { world, bl, programID } = await worldWithSubscriber(dataDir, receiver, { retryBackoff: 'PT0.05S' });
    receiver.answer(503);
    const event = await world.call<{ id: string }>('createEvent', { token: bl, body: eventBody(programID) });
    await vi.waitFor(() => expect(receiver.at('/hook').length).toBe(2), WAIT); // one refusal, then the retry arrived
    await vi.waitFor(async () => expect(await outboxSize(world)).toBe(0), WAIT);
    expect(receiver.at('/hook').map((r) => r.body.object.id)).toEqual([event.body.id, event.body.id]);
    // A program change: the subscription is for events only, so nothing to keep.
    await world.call('createProgram', { token: bl, body: { programName: 'unwatched' } });
    await world.openadr3.webhooks.settled();
    expect(await outboxSize(world)).toBe(0);
  });

  it('a notification still being retried when the VTN stops is delivered by the VTN started on the same state', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'outbox-')); dirs.push(dataDir);
    const receiver = await startWebhookReceiver(); open.push(receiver);
    // The first VTN's retries wait a minute: it is stopped long before.
    const first = await worldWithSubscriber(dataDir, receiver, { retryBackoff: 'PT60S', attempts: 5 });
    receiver.answer(503);
    const event = await first.world.call<{ id: string }>('createEvent', { token: first.bl, body: eventBody(first.programID) });
    await vi.waitFor(() => expect(receiver.at('/hook').length).toBe(1), WAIT);
    const summary = await first.world.openadr3.webhooks.summary();
    expect(summary).toMatchObject({ outboxWaiting: 1, outboxHeld: 1 });
    await first.world.vtn.close();
    expect(first.world.openadr3.webhooks.outcomes.abandoned).toBe(1);

    const second = await start(dataDir, { retryBackoff: 'PT0.05S' });
    await vi.waitFor(() => expect(receiver.at('/hook').length).toBe(2), WAIT);
    const again = receiver.at('/hook')[1]!;
    expect(again.body).toMatchObject({ objectType: 'EVENT', operation: 'CREATE', object: { id: event.body.id } });
    await vi.waitFor(async () => expect(await outboxSize(second)).toBe(0), WAIT);
    expect((await second.openadr3.webhooks.summary()).outboxWaiting).toBe(0);
  });
});
