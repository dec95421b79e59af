// kill -9 of instance A while several VENs register, offer reports, send opts and answer an event on it:
// every change A acknowledged is in the database (read through B), and B goes on serving those VENs.
import { afterEach, expect, it } from 'vitest';
import { eventsOf, responseCode } from '../../helpers/test-ven.js';
import { describePostgres } from '../../helpers/postgres.js';
import { loadInstance, type Acknowledged } from './acknowledged-load.js';
import { eventBody, knownVen, registeredVen } from './fleet.js';
import { killAll, project, startPair } from './instances.js';
import { until } from './until.js';

afterEach(killAll);

const WORKERS = 6;
const KILL_AFTER = 120;

describePostgres('kill -9 of one instance under load', (db) => {
  it('loses no acknowledged registration, report offer, opt or event response, and B carries on', async () => {
    const [a, b] = await startPair(project(db.url));
    const answering = await Promise.all(Array.from({ length: WORKERS }, (_, w) => registeredVen(a, `answerer-${w}`)));
    const { eventId } = await a.adminJson<{ eventId: string }>('POST', '/events', eventBody(answering.map((v) => v.venId!)));

    const ack: Acknowledged = { registrations: new Map(), offers: new Set(), opts: new Set(), responses: new Map() };
    const load = loadInstance(a.base, answering, eventId, ack);
    await until(() => load.requests >= KILL_AFTER, { what: `${KILL_AFTER} answered requests on A`, timeoutMs: 20_000 });
    await a.kill('SIGKILL');
    load.stop();
    await load.done;
    expect(await a.cli.exited).toBe('SIGKILL');

    // Everything acknowledged, read through B.
    for (const [venId, registrationId] of ack.registrations) {
      const reg = await b.adminJson<{ registrationId: string }>('GET', `/vens/${venId}/registration`);
      expect(reg.registrationId, `registration of ${venId}`).toBe(registrationId);
    }
    for (const venId of ack.offers) {
      const offers = await b.adminJson<unknown[]>('GET', `/reports/offers?venId=${encodeURIComponent(venId)}`);
      expect(offers.length, `report offers of ${venId}`).toBeGreaterThan(0);
    }
    const stored = new Set((await db.sql<{ o: string }>(`SELECT (value->>'venId') || '/' || (value->>'optId') AS o FROM vtn_records WHERE collection = 'opts'`)).map((r) => r.o));
    for (const key of ack.opts) expect(stored.has(key), `EiOpt ${key}`).toBe(true);
    const vens = await b.adminJson<{ venId: string; response?: string }[]>('GET', `/events/${eventId}/vens`);
    for (const [venId, { acked, inFlight }] of ack.responses) {
      // The last acknowledged answer, or a later one A applied but could not acknowledge before dying.
      expect([acked, inFlight], `event response of ${venId}`).toContain(vens.find((v) => v.venId === venId)?.response);
    }
    expect(ack.registrations.size).toBeGreaterThan(10);
    expect(ack.offers.size).toBeGreaterThan(10);
    expect(ack.opts.size).toBeGreaterThan(10);

    // B serves the VENs A acknowledged: their polls are known, a new event reaches them, their answer is kept.
    const survivors = [...ack.registrations.keys()].slice(-4);
    const created = await b.adminJson<{ eventId: string }>('POST', '/events', eventBody(survivors, { dtstart: new Date(Date.now() + 86_400_000).toISOString() }));
    for (const venId of survivors) {
      const ven = knownVen(b, venId);
      const dist = await until(async () => { const r = await ven.poll(); return r.type === 'oadrDistributeEvent' ? r : undefined; },
        { what: `the event on B for ${venId}` });
      expect(eventsOf(dist).map((e) => e.eventId)).toContain(created.eventId);
      expect(responseCode(await ven.respondToEvents(dist, 'optIn'))).toBe('200');
    }
    const answered = await b.adminJson<{ venId: string; response?: string }[]>('GET', `/events/${created.eventId}/vens`);
    expect(answered.filter((v) => v.response === 'optIn').map((v) => v.venId).sort()).toEqual([...survivors].sort());
  }, 50_000);
});
