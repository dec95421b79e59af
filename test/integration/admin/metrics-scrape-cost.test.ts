// /metrics on a quiet VTN costs one count() per scrape, not a scan of its collections; a change shows once the
// cache may refresh, and an event's status moves with the clock without re-reading the store.
import { describe, expect, it, vi } from 'vitest';
import { adminSetup } from './admin-fixture.js';

const gauge = (text: string, line: string): number | undefined => {
  const hit = text.split('\n').find((l) => l.startsWith(`${line} `));
  return hit === undefined ? undefined : Number(hit.slice(line.length + 1));
};

describe('metrics scrape cost', () => {
  it('a scrape with nothing changed runs one unit of work (the VEN count); changes show after minMs', async () => {
    const f = await adminSetup({ gaugeCache: { minMs: 5_000, maxMs: 24 * 3_600_000 } });
    const ven = await f.registeredVen();
    const scrape = async () => (await f.call('GET', '/metrics')).body;
    expect(gauge(await scrape(), 'vtn_vens_online')).toBe(1);
    const units = vi.spyOn(f.vtn.store, 'unit');
    await scrape();
    expect(units).toHaveBeenCalledTimes(1);

    const start = new Date(f.clock.now().getTime() + 3_600_000);
    await f.vtn.addEvent({ venIds: [ven.venId!], signalName: 'SIMPLE', intervals: [{ dtstart: start, duration: 'PT1H', payload: 1 }] });
    // Within minMs of the last computation the cached (eventless) counts are served.
    expect(gauge(await scrape(), 'vtn_events{status="far"}')).toBe(0);
    f.clock.advance(5_000);
    expect(gauge(await scrape(), 'vtn_events{status="far"}')).toBe(1);

    // An hour on, the cached event is active: the status is computed per scrape, the records are not read again.
    f.clock.advance(3_600_000);
    units.mockClear();
    const text = await scrape();
    expect([gauge(text, 'vtn_events{status="far"}'), gauge(text, 'vtn_events{status="active"}'), gauge(text, 'vtn_events_active')]).toEqual([0, 1, 1]);
    expect(units).toHaveBeenCalledTimes(1);
  });
});
