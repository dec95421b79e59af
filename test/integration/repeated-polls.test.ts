// Repeated polls over HTTP: a registered VEN's second poll skips the XML reader and gets the same answer; the
// identity gate still decides every one, so a kept poll of a VEN that has left is refused, and strangers keep nothing.
import { describe, expect, it } from 'vitest';
import { AdminServer } from '../../src/admin/index.js';
import { setup, simpleEvent } from './fixture.js';
import { responseCode, venIdOf } from '../helpers/test-ven.js';
import * as X from '../helpers/ven-xml/index.js';

describe('repeated polls', () => {
  it('a registered VEN\'s repeated poll is decoded once and answered as a decoded one would be, events included', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    const first = await ven.poll();
    expect(first.type).toBe('oadrResponse');
    const before = f.vtn.repeatedPolls.stats();
    expect(before.entries).toBe(1);
    const again = await ven.poll();
    expect(again.type).toBe('oadrResponse');
    expect(venIdOf(again)).toBe(ven.venId);
    expect(f.vtn.repeatedPolls.stats().hits).toBe(before.hits + 1);
    // A kept poll still reaches the dispatcher: a new event goes out on it.
    await simpleEvent(f, [ven.venId!]);
    expect((await ven.poll()).type).toBe('oadrDistributeEvent');
    expect(f.vtn.repeatedPolls.stats().hits).toBe(before.hits + 2);
  });

  it('only the OadrPoll service looks bodies up: the same poll bytes at EiEvent are decoded and refused 459', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await ven.poll();
    const before = f.vtn.repeatedPolls.stats();
    const elsewhere = await ven.post('EiEvent', X.oadrPoll({ venId: ven.venId! }, {}));
    expect(responseCode(elsewhere)).toBe('459');
    expect(f.vtn.repeatedPolls.stats()).toEqual(before);
  });

  it('a poll naming a VEN nobody registered is refused and not kept', async () => {
    const f = await setup();
    const stranger = f.ven();
    for (let i = 0; i < 3; i++) {
      const reply = await stranger.poll('VEN-NOBODY');
      expect(responseCode(reply)).not.toBe('200');
    }
    expect(f.vtn.repeatedPolls.stats().entries).toBe(0);
  });

  it('the kept poll of a VEN that cancelled its registration is refused by the gate', async () => {
    const f = await setup();
    const ven = await f.registeredVen();
    await ven.poll();
    expect(f.vtn.repeatedPolls.stats().entries).toBe(1);
    expect(responseCode(await ven.cancelRegistration())).toBe('200');
    const hits = f.vtn.repeatedPolls.stats().hits;
    const reply = await ven.poll();
    expect(f.vtn.repeatedPolls.stats().hits).toBe(hits + 1);
    expect(responseCode(reply)).not.toBe('200');
  });

  it('/metrics shows the hits, misses and what is kept', async () => {
    const f = await setup();
    const admin = new AdminServer({ vtn: f.vtn, processMetrics: false, repeatedPolls: f.vtn.repeatedPolls });
    try {
      const ven = await f.registeredVen();
      await ven.poll();
      await ven.poll();
      const scrape = async () => (await admin.app.inject({ method: 'GET', url: '/metrics' })).body;
      const first = await scrape();
      // The poll after registration was decoded (the one miss: registration is not a poll); the two after it were hits.
      expect(first).toMatch(/^vtn_repeated_polls_hits_total 2$/m);
      expect(first).toMatch(/^vtn_repeated_polls_misses_total 1$/m);
      expect(first).toMatch(/^vtn_repeated_polls_kept 1$/m);
      expect(first).toMatch(/^vtn_repeated_polls_bytes [1-9]\d*$/m);
      await ven.poll();
      // A second scrape adds only what is new since the first.
      expect(await scrape()).toMatch(/^vtn_repeated_polls_hits_total 3$/m);
    } finally {
      await admin.close();
    }
  });

  it('repeatedPollCacheBytes 0 decodes every poll', async () => {
    const f = await setup({ repeatedPollCacheBytes: 0 });
    const ven = await f.registeredVen();
    await ven.poll();
    await ven.poll();
    expect(f.vtn.repeatedPolls.stats()).toMatchObject({ entries: 0, hits: 0 });
  });
});
