// 3.1 subscriptions over real HTTP: CRUD and privacy, refused callback URLs, and webhooks to a loopback receiver
// (allowed by callbackAllow) for changes made through the core, filtered by program, targets and privacy.
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { validatorFor } from '../../../src/openadr3/spec/schema-validators.js';
import { sample } from '../../helpers/prom-sample.js';
import { OA3 } from '../../../src/openadr3/objects/oa3-collections.js';
import { startOadr3Vtn, type Oadr3World } from '../../helpers/openadr3.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

const WAIT = { timeout: 10_000, interval: 10 };

describe('OpenADR 3.1 subscriptions', () => {
  let world: Oadr3World;
  let receiver: WebhookReceiver;
  let bl: string;
  const ven: Record<string, { token: string; clientID: string }> = {};

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    world = await startOadr3Vtn({ openadr3: { callbackAllow: ['http://127.0.0.1:'], webhooks: { retryBackoff: 25, attempts: 3, timeout: 2000 } } });
    bl = await world.tokenFor('bl', 'bl');
    for (const name of ['ven-a', 'ven-b', 'ven-c']) {
      const { clientID, secret } = world.addClient(name, 'ven');
      const res = await fetch(`${world.base}/auth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientID, client_secret: secret }) });
      ven[name] = { token: ((await res.json()) as { access_token: string }).access_token, clientID };
    }
  });
  afterAll(async () => {
    await world.close();
    await receiver.close();
  });

  const subscription = (path: string, extra: Record<string, unknown> = {}, objects = ['EVENT'], operations = ['CREATE', 'UPDATE', 'DELETE']) => ({
    clientName: 'test client', objectOperations: [{ objects, operations, callbackUrl: `${receiver.origin}${path}`, bearerToken: `token-for${path.replace(/\//g, '-')}` }], ...extra,
  });
  const create = (token: string, body: unknown) => world.call<{ id: string; clientID: string }>('createSubscription', { token, body });
  /** Every change published so far is matched and every notification settled (delivered or given up). */
  const quiet = () => vi.waitFor(async () => {
    await world.openadr3.webhooks.settled();
    expect(world.openadr3.webhooks.queue.queued + world.openadr3.webhooks.queue.inFlight).toBe(0);
  }, WAIT);

  it('keeps a VEN client\'s subscriptions to itself and lets BL see and filter all', async () => {
    const a = await create(ven['ven-a']!.token, subscription('/crud-a', { programID: 'prog-1' }));
    expect(a.status).toBe(201);
    expect(a.body.clientID).toBe(ven['ven-a']!.clientID);
    const b = await create(ven['ven-b']!.token, { ...subscription('/crud-b', {}, ['REPORT']), clientName: 'b client', clientID: 'someone-else' });
    expect(b.body.clientID).toBe(ven['ven-b']!.clientID);

    expect((await world.call('searchSubscriptionByID', { token: ven['ven-b']!.token, params: { subscriptionID: a.body.id } })).status).toBe(404);
    const seenByB = await world.call<{ id: string }[]>('searchSubscriptions', { token: ven['ven-b']!.token });
    expect(seenByB.body.map((s) => s.id)).toEqual([b.body.id]);
    const all = await world.call<{ id: string }[]>('searchSubscriptions', { token: bl });
    expect(all.body.map((s) => s.id)).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
    expect((await world.call<{ id: string }[]>('searchSubscriptions', { token: bl, query: { programID: 'prog-1' } })).body.map((s) => s.id)).toEqual([a.body.id]);
    expect((await world.call<{ id: string }[]>('searchSubscriptions', { token: bl, query: { clientName: 'b client' } })).body.map((s) => s.id)).toEqual([b.body.id]);
    expect((await world.call<{ id: string }[]>('searchSubscriptions', { token: bl, query: { objects: 'REPORT' } })).body.map((s) => s.id)).toEqual([b.body.id]);
    expect((await world.call<{ id: string }[]>('searchSubscriptions', { token: bl, query: { limit: '1', skip: '1' } })).body).toHaveLength(1);
    expect((await world.call('searchSubscriptions', { token: bl, query: { objects: 'CAT' } })).status).toBe(400);

    expect((await world.call('updateSubscription', { token: ven['ven-b']!.token, params: { subscriptionID: a.body.id }, body: subscription('/crud-a') })).status).toBe(404);
    const changed = await world.call<{ programID?: string; clientID: string; createdDateTime: string }>('updateSubscription', { token: ven['ven-a']!.token, params: { subscriptionID: a.body.id }, body: subscription('/crud-a', { programID: 'prog-2' }) });
    expect(changed).toMatchObject({ status: 200, body: { programID: 'prog-2', clientID: ven['ven-a']!.clientID } });
    expect((await world.call('deleteSubscription', { token: ven['ven-b']!.token, params: { subscriptionID: a.body.id } })).status).toBe(404);
    expect((await world.call('deleteSubscription', { token: ven['ven-a']!.token, params: { subscriptionID: a.body.id } })).status).toBe(200);
    expect((await world.call('searchSubscriptionByID', { token: bl, params: { subscriptionID: a.body.id } })).status).toBe(404);
    await world.call('deleteSubscription', { token: ven['ven-b']!.token, params: { subscriptionID: b.body.id } });
  });

  it('refuses callback URLs that are not https to an outside host, the VTN itself, or that fail the echo challenge', async () => {
    const port = new URL(world.base).port;
    const refused = async (callbackUrl: string) => {
      const res = await create(bl, { clientName: 'x', objectOperations: [{ objects: ['EVENT'], operations: ['CREATE'], callbackUrl }] });
      expect(res.status, callbackUrl).toBe(400);
      return (res.body as unknown as { detail: string }).detail;
    };
    expect(await refused('http://ven.example.com/hook')).toMatch(/must be https.*callbackAllow/);
    expect(await refused('https://127.0.0.1/hook')).toMatch(/loopback.*callbackAllow/);
    expect(await refused('https://localhost/hook')).toMatch(/localhost/);
    expect(await refused('https://169.254.169.254/latest')).toMatch(/link-local/);
    expect(await refused('https://[fe80::1]/hook')).toMatch(/link-local/);
    expect(await refused(`http://127.0.0.1:${port}/openadr3/3.1.0/events`)).toMatch(/own port/);
    expect(await refused('https://user:pw@ven.example.com/hook')).toMatch(/user name/);
    receiver.echoWith(404);
    expect(await refused(`${receiver.origin}/echo`)).toMatch(/echo challenge.*HTTP 404/);
    receiver.echoWith(200, 'not the value');
    expect(await refused(`${receiver.origin}/echo`)).toMatch(/without the echo value/);
    receiver.echoWith();
    // An update is checked alike.
    const ok = await create(bl, subscription('/echo-ok'));
    expect(ok.status).toBe(201);
    const update = await world.call('updateSubscription', { token: bl, params: { subscriptionID: ok.body.id }, body: { clientName: 'x', objectOperations: [{ objects: ['EVENT'], operations: ['CREATE'], callbackUrl: 'http://ven.example.com/' }] } });
    expect(update.status).toBe(400);
    await world.call('deleteSubscription', { token: bl, params: { subscriptionID: ok.body.id } });
  });

  it('notifies CREATE, UPDATE and DELETE of an event made through the core, with the subscription\'s bearer token', async () => {
    const sub = await create(bl, subscription('/core'));
    const handle = await world.vtn.addEvent({ venIds: ['ven-not-registered'], signalName: 'SIMPLE', signalType: 'level', dtstart: new Date(Date.now() + 3_600_000), duration: 3_600_000, intervals: [{ duration: 3_600_000, payload: 2 }], marketContext: 'http://mc/core' });
    await world.vtn.modifyEvent(handle.eventId, { priority: 3 });
    await world.vtn.cancelEvent(handle.eventId);
    await vi.waitFor(() => expect(receiver.at('/core')).toHaveLength(3), WAIT);
    const got = receiver.at('/core');
    expect(got.map((r) => r.body.operation)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    for (const r of got) {
      expect(validatorFor('notification')(r.body), JSON.stringify(validatorFor('notification').errors)).toBe(true);
      expect(r.body).toMatchObject({ objectType: 'EVENT', object: { id: handle.eventId, objectType: 'EVENT' } });
      expect(r.headers.authorization).toBe('Bearer token-for-core');
      expect(r.headers['content-type']).toMatch(/application\/json/);
    }
    expect(got[1]!.body.object.priority).toBe(2);
    await world.call('deleteSubscription', { token: bl, params: { subscriptionID: sub.body.id } });
  });

  it('notifies an event created over 3.1 once, as the 3.1 API serves it (targets included)', async () => {
    const sub = await create(bl, subscription('/api-event', {}, ['EVENT', 'PROGRAM'], ['CREATE']));
    const program = await world.call<{ id: string }>('createProgram', { token: bl, body: { programName: 'sub-test-program' } });
    expect(program.status).toBe(201);
    const event = await world.call<{ id: string }>('createEvent', { token: bl, body: {
      programID: program.body.id, targets: ['zone-9'], intervalPeriod: { start: new Date(Date.now() + 7_200_000).toISOString(), duration: 'PT1H' },
      intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }],
    } });
    expect(event.status).toBe(201);
    await quiet();
    const got = receiver.at('/api-event');
    expect(got.map((r) => `${r.body.objectType} ${r.body.operation} ${String(r.body.object.id)}`)).toEqual([`PROGRAM CREATE ${program.body.id}`, `EVENT CREATE ${event.body.id}`]);
    expect(got[1]!.body.object.targets).toEqual(['zone-9']);
    await world.call('deleteSubscription', { token: bl, params: { subscriptionID: sub.body.id } });
  });

  it('filters by object type, program, targets and privacy, and hides targets a VEN was not granted', async () => {
    // BL grants: ven-a has g1 and g2 (g2 through a resource), ven-c has g1 only; ven-b has no ven object.
    await world.vtn.store.unit(async (u) => {
      u.collection(OA3.vens).put('ven-obj-a', { id: 'ven-obj-a', objectType: 'VEN', venName: 'A', clientID: ven['ven-a']!.clientID, targets: ['g1'] });
      u.collection(OA3.resources).put('res-a', { id: 'res-a', objectType: 'RESOURCE', resourceName: 'r', venID: 'ven-obj-a', clientID: ven['ven-a']!.clientID, targets: ['g2'] });
      u.collection(OA3.vens).put('ven-obj-c', { id: 'ven-obj-c', objectType: 'VEN', venName: 'C', clientID: ven['ven-c']!.clientID, targets: ['g1'] });
    });
    const subs = [
      await create(ven['ven-a']!.token, subscription('/f-a', { targets: ['g1', 'g2'] }, ['EVENT', 'REPORT'])),
      await create(ven['ven-b']!.token, subscription('/f-b', { targets: ['g1'] }, ['EVENT', 'REPORT'])),
      await create(ven['ven-c']!.token, subscription('/f-c', { targets: ['g2'] })),
      await create(bl, subscription('/f-bl-p2', { programID: 'p2' })),
      await create(bl, subscription('/f-bl-all', {}, ['EVENT', 'REPORT'], ['CREATE'])),
      await create(bl, subscription('/f-bl-update-only', {}, ['EVENT'], ['UPDATE'])),
    ];
    expect(subs.map((s) => s.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const now = new Date().toISOString();
    const meta = (id: string, objectType: string) => ({ id, objectType, createdDateTime: now, modificationDateTime: now });
    const feed = world.openadr3.webhooks;
    feed.publish({ objectType: 'EVENT', operation: 'CREATE', object: { ...meta('e-targeted', 'EVENT'), programID: 'p1', targets: ['g1', 'g3'], intervals: [] } });
    feed.publish({ objectType: 'EVENT', operation: 'CREATE', object: { ...meta('e-open', 'EVENT'), programID: 'p2', intervals: [] } });
    feed.publish({ objectType: 'REPORT', operation: 'CREATE', object: { ...meta('r-a', 'REPORT'), programID: 'p1', eventID: 'e-targeted', clientName: 'A', clientID: ven['ven-a']!.clientID, resources: [] } });
    await quiet();
    const ids = (path: string) => receiver.at(path).map((r) => r.body.object.id);
    expect(ids('/f-a')).toEqual(['e-targeted', 'e-open', 'r-a']);
    expect(receiver.at('/f-a')[0]!.body.object.targets).toEqual(['g1']);
    expect(ids('/f-b')).toEqual(['e-open']);
    expect(ids('/f-c')).toEqual(['e-open']);
    expect(ids('/f-bl-p2')).toEqual(['e-open']);
    expect(ids('/f-bl-all')).toEqual(['e-targeted', 'e-open', 'r-a']);
    expect(receiver.at('/f-bl-all')[0]!.body.object.targets).toEqual(['g1', 'g3']);
    expect(ids('/f-bl-update-only')).toEqual([]);
    for (const s of subs) await world.call('deleteSubscription', { token: bl, params: { subscriptionID: s.body.id } });
  });

  it('retries a failing receiver with doubling backoff, gives up after the configured attempts, and shows it', async () => {
    const sub = await create(bl, subscription('/retry'));
    receiver.answer(503, 503, 503);
    const feed = world.openadr3.webhooks;
    const failedBefore = feed.outcomes.failed;
    const now = new Date().toISOString();
    feed.publish({ objectType: 'EVENT', operation: 'CREATE', object: { id: 'e-retry', objectType: 'EVENT', createdDateTime: now, modificationDateTime: now, programID: 'p1', intervals: [] } });
    await quiet();
    const tries = receiver.at('/retry');
    expect(tries).toHaveLength(3);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(20);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(45);
    expect(feed.outcomes.failed).toBe(failedBefore + 1);
    const [state] = await feed.deliveries({ after: String.fromCharCode(sub.body.id.charCodeAt(0) - 1), limit: 1000 }).then((all) => all.filter((s) => s.subscriptionID === sub.body.id));
    expect(state).toMatchObject({ failed: 1, consecutiveFailures: 3, queued: 0, lastError: 'HTTP 503' });
    // A 4xx is the receiver's refusal: not retried.
    receiver.answer(401);
    feed.publish({ objectType: 'EVENT', operation: 'UPDATE', object: { id: 'e-retry', objectType: 'EVENT', createdDateTime: now, modificationDateTime: now, programID: 'p1', intervals: [] } });
    await quiet();
    expect(receiver.at('/retry')).toHaveLength(4);
    feed.publish({ objectType: 'EVENT', operation: 'DELETE', object: { id: 'e-retry', objectType: 'EVENT', createdDateTime: now, modificationDateTime: now, programID: 'p1', intervals: [] } });
    await quiet();
    const after = (await feed.deliveries({ limit: 1000 })).find((s) => s.subscriptionID === sub.body.id);
    expect(after).toMatchObject({ delivered: 1, failed: 1, refused: 1, consecutiveFailures: 0 });
    expect(after!.lastSuccessAt).toBeDefined();
    await world.call('deleteSubscription', { token: bl, params: { subscriptionID: sub.body.id } });
  });

  it('shows delivery state per subscription in the admin API and counts notifications in /metrics', async () => {
    const admin = new AdminServer({ vtn: world.vtn, config: { port: 0 }, processMetrics: false, env: {} });
    const url = await admin.listen();
    try {
      expect((await fetch(`${url}/admin/v1/openadr3/subscriptions`)).status).toBe(503);
      admin.attach({ webhooks: world.openadr3.webhooks });
      const sub = await create(bl, subscription('/admin'));
      receiver.answer(500);
      const now = new Date().toISOString();
      world.openadr3.webhooks.publish({ objectType: 'EVENT', operation: 'CREATE', object: { id: 'e-admin', objectType: 'EVENT', createdDateTime: now, modificationDateTime: now, programID: 'p1', intervals: [] } });
      await quiet();
      const res = await fetch(`${url}/admin/v1/openadr3/subscriptions?limit=1000`);
      const body = (await res.json()) as { summary: Record<string, number | string>; subscriptions: Record<string, unknown>[] };
      expect(res.status).toBe(200);
      expect(body.subscriptions.find((s) => s.subscriptionID === sub.body.id)).toMatchObject({
        clientID: 'bl', callbackUrls: [`${receiver.origin}/admin`], delivered: 1, consecutiveFailures: 0, queued: 0, inFlight: false,
        lastSuccessAt: expect.any(String), lastFailureAt: expect.any(String), lastError: 'HTTP 500',
      });
      expect(body.summary).toMatchObject({ subscriptions: 1, queued: 0, inFlight: 0 });
      // Delivery state lives in this process: the answer says whose it is and since when its counts run.
      expect(body.summary).toMatchObject({ scope: 'instance', instance: `${hostname()}:${process.pid}`, since: expect.stringMatching(/Z$/) });
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(sample(metrics, 'vtn_oadr3_notifications_total', { outcome: 'delivered' })).toBe(world.openadr3.webhooks.outcomes.delivered);
      expect(sample(metrics, 'vtn_oadr3_notifications_total', { outcome: 'failed' })).toBeGreaterThanOrEqual(1);
      expect(sample(metrics, 'vtn_oadr3_notifications_queued')).toBe(0);
      await world.call('deleteSubscription', { token: bl, params: { subscriptionID: sub.body.id } });
    } finally {
      await admin.close();
    }
  });

  it('limits how many subscriptions a VEN client holds', async () => {
    const small = await startOadr3Vtn({ openadr3: { callbackAllow: ['http://127.0.0.1:'], webhooks: { maxPerVenClient: 2, verifyCallbacks: false } } });
    try {
      const token = await small.tokenFor('v', 'ven');
      const body = { clientName: 'v', objectOperations: [{ objects: ['EVENT'], operations: ['CREATE'], callbackUrl: `${receiver.origin}/cap` }] };
      expect((await small.call('createSubscription', { token, body })).status).toBe(201);
      expect((await small.call('createSubscription', { token, body })).status).toBe(201);
      const third = await small.call<{ detail: string }>('createSubscription', { token, body });
      expect(third.status).toBe(409);
      expect(third.body.detail).toMatch(/maxPerVenClient/);
    } finally {
      await small.close();
    }
  });
});
