// An event that retention takes out of the live set is gone for 3.1 readers: subscribers hear of it as an EVENT
// DELETE, filtered by targets and privacy like a DELETE over the API — and an event already deleted (cancelled) is
// not announced twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { validatorFor } from '../../../src/openadr3/spec/schema-validators.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-06-01T12:00:00Z');
const WAIT = { timeout: 10_000, interval: 10 };
const eventBody = (start: number, targets: string[], eventName: string) => ({
  programID: 'default', eventName, targets, intervalPeriod: { start: new Date(start).toISOString(), duration: 'PT1H' },
  intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }],
});

describe('OpenADR 3.1 notifications of events removed by retention', () => {
  let world: Oadr3World;
  let receiver: WebhookReceiver;
  let now = T0;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    world = await startOadr3Vtn({
      vtn: { now: () => new Date(now), eventRetention: { live: 'PT1H', sweepEvery: 'P1D' } },
      openadr3: { tokenTtl: 'P7D', callbackAllow: ['http://127.0.0.1:'], webhooks: { retryBackoff: 25, attempts: 2, timeout: 2000 } },
    });
  });
  afterAll(async () => {
    await world?.close();
    await receiver?.close();
  });

  it('sends EVENT DELETE to the subscribers that may see the event, once', async () => {
    const bl = await world.tokenFor('business', 'bl');
    for (const [clientID, feeder] of [['reader-a', 'feeder-1'], ['reader-b', 'feeder-2']] as const) {
      const ven = await world.call('createVen', { token: bl, body: { objectType: 'BL_VEN_REQUEST', clientID, venName: `${clientID}-site`, targets: [feeder] } });
      expect(ven.status).toBe(201);
    }
    const subscribe = async (token: string, path: string, targets?: string[]) => {
      const body = { clientName: path, ...(targets ? { targets } : {}), objectOperations: [{ objects: ['EVENT'], operations: ['DELETE'], callbackUrl: `${receiver.origin}${path}` }] };
      expect((await world.call('createSubscription', { token, body })).status).toBe(201);
    };
    await subscribe(await world.tokenFor('reader-a', 'ven'), '/a', ['feeder-1']);
    await subscribe(await world.tokenFor('reader-b', 'ven'), '/b', ['feeder-2']);
    await subscribe(bl, '/bl');
    const kept = (await world.call<{ id: string }>('createEvent', { token: bl, body: eventBody(T0 + 2 * HOUR, ['feeder-1'], 'runs out') })).body;
    const deleted = (await world.call<{ id: string }>('createEvent', { token: bl, body: eventBody(T0 + 4 * HOUR, ['feeder-1'], 'deleted') })).body;
    expect((await world.call('deleteEvent', { token: bl, params: { eventID: deleted.id } })).status).toBe(200);

    // Both ended by T0 + 5 h; an hour of live retention later the sweep takes them out of the live set.
    now = T0 + 7 * HOUR;
    expect((await world.vtn.sweepRetention()).archived).toBe(2);
    await vi.waitFor(() => expect(receiver.at('/bl')).toHaveLength(2), WAIT);
    await vi.waitFor(async () => {
      await world.openadr3.webhooks.settled();
      expect(world.openadr3.webhooks.queue.queued + world.openadr3.webhooks.queue.inFlight).toBe(0);
    }, WAIT);
    const seen = (path: string) => receiver.at(path).map((r) => `${r.body.operation} ${String(r.body.object.id)}`);
    expect(seen('/bl')).toEqual([`DELETE ${deleted.id}`, `DELETE ${kept.id}`]);
    expect(seen('/a')).toEqual([`DELETE ${deleted.id}`, `DELETE ${kept.id}`]);
    expect(seen('/b')).toEqual([]);
    const removal = receiver.at('/a')[1]!.body;
    expect(validatorFor('notification')(removal), JSON.stringify(validatorFor('notification').errors)).toBe(true);
    expect(removal).toMatchObject({ objectType: 'EVENT', object: { id: kept.id, eventName: 'runs out', programID: 'default', targets: ['feeder-1'] } });
  }, 30_000);
});
