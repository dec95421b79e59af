// limits.optsPerVen holds under concurrency: creates that all passed the first check while an async onCreateOpt
// handler was deciding are counted again before anything is stored.
import { describe, expect, it } from 'vitest';
import { createVtn } from '../../../src/create-vtn.js';
import type { OadrMessage } from '../../../src/oadr/model.js';

const codeOf = (m: OadrMessage | null) => (m && 'response' in m && m.response ? m.response.responseCode : undefined);

describe('opt cap under concurrent creates', () => {
  it('six concurrent oadrCreateOpt with optsPerVen 2 and a slow policy store two opts and refuse four with 469', async () => {
    const vtn = await createVtn({ inMemory: true, openEnrollment: true, logger: false, limits: { optsPerVen: 2 } });
    const reg = await vtn.dispatch('EiRegisterParty', {
      type: 'oadrCreatePartyRegistration', requestId: 'r', venName: 'v', profileName: '2.0b', transportName: 'simpleHttp',
      reportOnly: false, xmlSignature: false, httpPullModel: true,
    });
    const venId = (reg as Extract<OadrMessage, { type: 'oadrCreatedPartyRegistration' }>).venId!;
    let release!: () => void;
    const decided = new Promise<void>((resolve) => { release = resolve; });
    vtn.addHandler('onCreateOpt', async () => { await decided; });
    const creates = Array.from({ length: 6 }, (_, i) => vtn.dispatch('EiOpt', {
      type: 'oadrCreateOpt', requestId: `o${i}`, optId: `opt-${i}`, optType: 'optOut', optReason: 'economic', venId, createdDateTime: new Date('2026-06-01T00:00:00Z'),
      schedule: [{ dtstart: new Date('2026-06-02T10:00:00Z'), duration: 3_600_000 }], target: { venIds: [venId] },
    } as OadrMessage));
    release();
    const codes = (await Promise.all(creates)).map(codeOf);
    expect(codes.filter((c) => c === 200)).toHaveLength(2);
    expect(codes.filter((c) => c === 469)).toHaveLength(4);
    expect((await vtn.listOpts()).filter((o) => o.venId === venId)).toHaveLength(2);
    await vtn.close();
  });
});
