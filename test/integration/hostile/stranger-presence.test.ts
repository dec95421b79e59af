// Polls from strangers (random venIDs of any size) leave no presence; only registered VENs are tracked.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { AdminServer } from '../../../src/admin/index.js';
import * as X from '../../helpers/ven-xml/index.js';
import { TestVen } from '../../helpers/test-ven.js';
import { setup } from '../fixture.js';

it('50 polls with random 100 KB venIDs leave no presence entry; a registered VEN gets one, dropped when it retires', async () => {
  const f = await setup();
  const admin = new AdminServer({ vtn: f.vtn, config: { port: 0 }, processMetrics: false, env: {} });
  try {
    const stranger = new TestVen({ baseUrl: f.baseUrl, venName: 'stranger', validate: false });
    for (let i = 0; i < 50; i++) {
      const reply = await stranger.poll(randomBytes(50_000).toString('hex'));
      expect(reply.type).toBe('oadrRequestReregistration');
    }
    expect(admin.presence.size).toBe(0);
    const ven = await f.registeredVen('known');
    await ven.poll();
    expect(admin.presence.size).toBe(1);
    expect(admin.presence.of(f.vtn.getVen(ven.venId!)!).online).toBe(true);
    const cancel = await ven.post('EiRegisterParty', X.oadrCancelPartyRegistration({ requestId: 'c', registrationId: ven.registrationId!, venId: ven.venId! }));
    expect(cancel.type).toBe('oadrCanceledPartyRegistration');
    expect(admin.presence.size).toBe(0);
  } finally {
    await admin.close();
  }
}, 30_000);
