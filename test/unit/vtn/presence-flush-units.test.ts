// A presence flush of many VENs is several short units, so polls are not queued behind one long commit.
import { describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { PRESENCE, PRESENCE_UNIT_VENS, PresenceBook } from '../../../src/vtn/presence-book.js';

import { silentLogger } from '../../../src/vtn/context.js';

describe('presence flush', () => {
  it(`writes ${PRESENCE_UNIT_VENS + PRESENCE_UNIT_VENS / 4} seen VENs in two units of at most ${PRESENCE_UNIT_VENS}, and every one lands`, async () => {
    const store = new MemoryStore();
    await store.open();
    const count = PRESENCE_UNIT_VENS + PRESENCE_UNIT_VENS / 4;
    const venIds = Array.from({ length: count }, (_, i) => `ven-${i}`);
    await store.unit(async (u) => {
      for (const venId of venIds) u.vens.put(venId, { venId, venName: venId, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp', httpPullModel: true, xmlSignature: false, reportOnly: false, registeredAt: '2026-06-01T12:00:00.000Z' });
    });
    const book = new PresenceBook(store, 10_000, silentLogger);
    const at = Date.parse('2026-06-01T12:00:05Z');
    for (const venId of venIds) book.note(venId, at);
    const units = vi.spyOn(store, 'unit');
    await book.flush();
    book.stop();
    const presenceUnits = units.mock.calls.filter(([, o]) => o?.label === 'presence').length;
    expect(presenceUnits).toBe(2);
    expect(await store.unit((u) => u.collection(PRESENCE).count())).toBe(count);
    await store.close();
  });
});
