// Polls from strangers (random venIDs of any size) leave no presence; only registered VENs are tracked.
import { randomBytes } from 'node:crypto';
import { expect, it, vi } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import { MAX_ID_CHARS } from '../../../src/oadr/decode-limits.js';
import { countOf } from '../../helpers/read-store.js';
import * as X from '../../helpers/ven-xml/index.js';
import { responseCode, TestVen } from '../../helpers/test-ven.js';
import { setup } from '../fixture.js';

it('50 polls with random cap-sized venIDs and 10 with 100 KB ones leave no presence entry; a registered VEN gets one, dropped when it retires', async () => {
  const f = await setup();
  const admin = new AdminServer({ vtn: f.vtn, config: { port: 0 }, processMetrics: false, env: {} });
  try {
    const stranger = new TestVen({ baseUrl: f.baseUrl, venName: 'stranger', validate: false });
    for (let i = 0; i < 50; i++) {
      const reply = await stranger.poll(randomBytes(MAX_ID_CHARS / 2).toString('hex'));
      expect(reply.type).toBe('oadrRequestReregistration');
    }
    // Over the ID cap, the poll is refused at decode (in-band 454) before anyone looks the venID up.
    for (let i = 0; i < 10; i++) expect(responseCode(await stranger.poll(randomBytes(50_000).toString('hex')))).toBe('454');
    // The stored records themselves, not only the registered VENs' view of them: a stranger writes none.
    expect(await countOf(f.vtn.store, 'presence')).toBe(0);
    expect(await admin.presence.size()).toBe(0);
    const ven = await f.registeredVen('known');
    await ven.poll();
    // The VTN writes presence in batches, about a second after a VEN speaks.
    await vi.waitFor(async () => expect(await countOf(f.vtn.store, 'presence')).toBe(1), { timeout: 5_000, interval: 50 });
    expect(await admin.presence.size()).toBe(1);
    expect((await admin.presence.of((await f.vtn.getVen(ven.venId!))!)).online).toBe(true);
    const cancel = await ven.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'c', registrationId: ven.registrationId!, venId: ven.venId! }));
    expect(cancel.type).toBe('oadrCanceledPartyRegistration');
    expect(await countOf(f.vtn.store, 'presence')).toBe(0);
    expect(await admin.presence.size()).toBe(0);
  } finally {
    await admin.close();
  }
}, 30_000);
