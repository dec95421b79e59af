// Requirements §3 (poll) and §6 (EiOpt), one test per statement.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { setup, simpleEvent } from './fixture.js';
import { eventsOf, requestIdOf, responseCode, venIdOf } from '../helpers/test-ven.js';
import * as X from '../helpers/ven-xml/index.js';

const HOUR = 3_600_000;

describe('§3 poll', () => {
  it('oadrPoll returns the next pending message in a fixed priority (register report, distribute, …, cancel registration, re-registration), else oadrResponse 200 with the venID', async () => {
    const f = await setup();
    const ven = f.ven();
    await ven.register();
    await simpleEvent(f, [ven.venId!]);
    await f.vtn.requestReregistration(ven.venId!);
    await f.vtn.cancelRegistration(ven.venId!);
    const types: string[] = [];
    for (let i = 0; i < 5; i++) types.push((await ven.poll()).type!);
    expect(types).toEqual(['oadrRegisterReport', 'oadrDistributeEvent', 'oadrCancelPartyRegistration', 'oadrRequestReregistration', 'oadrResponse']);
    const idle = await ven.poll();
    expect(responseCode(idle)).toBe('200');
    expect(venIdOf(idle)).toBe(ven.venId);
  });

  it('the poll path does not write the state file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'vtn-poll-'));
    try {
      const f = await setup({ dataDir, inMemory: false });
      const ven = await f.registeredVen();
      await simpleEvent(f, [ven.venId!]);
      await ven.poll();
      // Presence is written once a poll period, a second after the poll that made it due: not a write of the poll path.
      await f.vtn.ctx.presence.flush();
      await f.vtn.store.flush();
      const before = await Promise.all(['vtn.json', 'vtn.journal'].map((n) => stat(join(dataDir, n))));
      for (let i = 0; i < 50; i++) expect((await ven.poll()).type).toBe('oadrResponse');
      const after = await Promise.all(['vtn.json', 'vtn.journal'].map((n) => stat(join(dataDir, n))));
      expect(after.map((s) => [s.size, s.mtimeMs])).toEqual(before.map((s) => [s.size, s.mtimeMs]));
      await f.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a custom onPoll replaces the built-in queue', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await simpleEvent(f, [ven.venId!]);
    f.vtn.addHandler('onPoll', (venId) => ({ type: 'oadrRequestReregistration', venId }));
    expect((await ven.poll()).type).toBe('oadrRequestReregistration');
    f.vtn.addHandler('onPoll', () => undefined);
    expect((await ven.poll()).type).toBe('oadrResponse');
  });
});

describe('§6 opt', () => {
  it('oadrCreateOpt with a vavailability schedule and targets is stored and answered with oadrCreatedOpt', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const reply = await ven.createOpt({ requestId: 'co-1', optId: 'opt-1', optType: 'optOut', optReason: 'economic', marketContext: 'http://mc/a',
      vavailability: [{ dtstart: '2026-06-02T14:00:00Z', duration: 'PT2H' }, { dtstart: '2026-06-03T14:00:00Z', duration: 'PT2H' }], targets: { resourceIds: ['hvac-1'] } });
    expect(reply.type).toBe('oadrCreatedOpt');
    expect(responseCode(reply)).toBe('200');
    expect(requestIdOf(reply)).toBe('co-1');
    const [opt] = await f.vtn.listOpts(ven.venId);
    expect(opt).toMatchObject({ optId: 'opt-1', optType: 'optOut', optReason: 'economic', marketContext: 'http://mc/a', target: { resourceIds: ['hvac-1'] } });
    expect(opt!.schedule).toEqual([{ dtstart: '2026-06-02T14:00:00.000Z', duration: 2 * HOUR }, { dtstart: '2026-06-03T14:00:00.000Z', duration: 2 * HOUR }]);
  });

  it('an event-scoped oadrCreateOpt records the opt for that event; an unknown event → 452', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const e = await simpleEvent(f, [ven.venId!]);
    await ven.poll();
    expect(responseCode(await ven.createOpt({ optId: 'o-ev', optType: 'optOut', optReason: 'mustRun', event: { eventId: e.eventId, modificationNumber: 0 } }))).toBe('200');
    expect((await f.vtn.optState(e.eventId, ven.venId!))).toMatchObject({ scheduled: 'optOut', effective: 'optOut' });
    expect(responseCode(await ven.createOpt({ optId: 'o-x', optType: 'optOut', optReason: 'mustRun', event: { eventId: 'nope', modificationNumber: 0 } }))).toBe('452');
  });

  it('oadrCancelOpt → oadrCanceledOpt; an unknown optID → 452', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await ven.createOpt({ optId: 'opt-c', optType: 'optOut', optReason: 'participating', vavailability: [{ dtstart: '2026-06-02T00:00:00Z', duration: 'PT1H' }] });
    const ok = await ven.cancelOpt('opt-c', 'cc-1');
    expect(ok.type).toBe('oadrCanceledOpt');
    expect(responseCode(ok)).toBe('200');
    expect(requestIdOf(ok)).toBe('cc-1');
    expect((await f.vtn.listOpts(ven.venId))[0]!.cancelledAt).toBeDefined();
    const again = await ven.cancelOpt('opt-c');
    expect(responseCode(again)).toBe('452');
    expect(responseCode(await ven.cancelOpt('never-made'))).toBe('452');
  });

  it('an opt schedule is considered for events in its window; an EiOpt opt-in beats a later optOut in oadrCreatedEvent (E1_1065)', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const start = new Date(f.clock.now().getTime() + HOUR);
    await ven.createOpt({ optId: 'in-1', optType: 'optIn', optReason: 'participating', vavailability: [{ dtstart: start, duration: 'PT4H' }] });
    const e = await simpleEvent(f, [ven.venId!], { inMs: 2 * HOUR });
    const outside = await simpleEvent(f, [ven.venId!], { inMs: 10 * HOUR, marketContext: 'http://mc/late' });
    await ven.respondToEvents(await ven.poll(), 'optOut');
    expect((await f.vtn.optState(e.eventId, ven.venId!))).toMatchObject({ response: 'optOut', scheduled: 'optIn', effective: 'optIn' });
    expect((await f.vtn.optState(outside.eventId, ven.venId!))).toMatchObject({ response: 'optOut', effective: 'optOut' });
    expect((await f.vtn.optState(outside.eventId, ven.venId!)).scheduled).toBeUndefined();
  });

  it('an onCreateOpt handler may refuse an opt', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    f.vtn.addHandler('onCreateOpt', (info) => info.optType !== 'optOut');
    const reply = await ven.post('EiOpt', X.oadrCreateOpt({ requestId: 'r', optId: 'no', optType: 'optOut', optReason: 'economic', venId: ven.venId!, vavailability: [{ dtstart: '2026-06-02T00:00:00Z', duration: 'PT1H' }] }));
    expect(responseCode(reply)).toBe('451');
    expect((await f.vtn.listOpts(ven.venId))).toEqual([]);
    expect(eventsOf(await ven.requestEvent())).toEqual([]);
  });
});
