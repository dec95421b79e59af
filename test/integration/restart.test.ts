// State survives a restart: a VEN carries on where it was (issue #2 "done when").
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestVen, eventsOf, responseCode } from '../helpers/test-ven.js';
import { startTestVtn, TestClock } from '../helpers/start-vtn.js';

const HOUR = 3_600_000;
let dataDir: string;

beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'vtn-restart-')); });
afterEach(async () => { await rm(dataDir, { recursive: true, force: true }); });

describe('restart', () => {
  it('registrations, events with modification history, delivery and opt state, opt schedules and pending messages survive a restart', async () => {
    const clock = new TestClock();
    const first = await startTestVtn({ dataDir, inMemory: false, clock });
    const ven = new TestVen({ baseUrl: first.baseUrl, venName: 'survivor' });
    await ven.register();
    await ven.poll();
    const e = await first.vtn.addEvent({ venId: ven.venId!, signalName: 'SIMPLE', signalType: 'level', intervals: [{ dtstart: new Date(clock.now().getTime() + HOUR), duration: 'PT1H', payload: 2 }] });
    await first.vtn.modifyEvent(e.eventId, { intervals: [{ duration: 'PT1H', payload: 3 }] });
    await ven.respondToEvents(await ven.poll(), 'optIn');
    await ven.createOpt({ optId: 'keep-me', optType: 'optOut', optReason: 'economic', vavailability: [{ dtstart: '2026-07-01T00:00:00Z', duration: 'PT1H' }] });
    await first.vtn.requestReregistration(ven.venId!);
    await first.close();

    const second = await startTestVtn({ dataDir, inMemory: false, clock });
    try {
      const again = new TestVen({ baseUrl: second.baseUrl, venName: 'survivor' });
      again.venId = ven.venId;
      again.registrationId = ven.registrationId;
      expect((await second.vtn.getVen(ven.venId!))?.registrationId).toBe(ven.registrationId);
      expect((await second.vtn.getEvent(e.eventId))!.event.modificationNumber).toBe(1);
      expect((await second.vtn.getEvent(e.eventId))!.event.history).toHaveLength(1);
      expect((await second.vtn.optState(e.eventId, ven.venId!)).response).toBe('optIn');
      expect((await second.vtn.listOpts(ven.venId))[0]!.optId).toBe('keep-me');
      // Already delivered: no distribute again; the queued re-registration request is still there.
      expect((await again.poll()).type).toBe('oadrRequestReregistration');
      expect((await again.poll()).type).toBe('oadrResponse');
      clock.advance(HOUR);
      const active = await again.poll();
      expect(eventsOf(active)[0]).toMatchObject({ eventId: e.eventId, status: 'active', modificationNumber: 1 });
      expect(responseCode(await again.cancelRegistration())).toBe('200');
    } finally {
      await second.close();
    }
  });

  it('a second VTN on the same state folder is refused with a clear message', async () => {
    const first = await startTestVtn({ dataDir, inMemory: false });
    try {
      await expect(startTestVtn({ dataDir, inMemory: false })).rejects.toMatchObject({ code: 'E_STATE_LOCKED' });
    } finally {
      await first.close();
    }
  });
});
