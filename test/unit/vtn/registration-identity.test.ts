// The identity gate in process (vtn.dispatch with a connection fingerprint): registration decisions can never
// move a venID to another certificate, and refused messages never reach the decision hook.
import { describe, expect, it } from 'vitest';
import { createVtn } from '../../../src/create-vtn.js';
import type { OadrMessage } from '../../../src/oadr/model.js';
import type { VtnServer } from '../../../src/http/vtn-server.js';

const FP_A = '11:22:33:44:55:66:77:88:99:AA';
const FP_B = 'AA:BB:CC:DD:EE:FF:00:11:22:33';
type Created = Extract<OadrMessage, { type: 'oadrCreatedPartyRegistration' }>;

const create = (o: { venId?: string; registrationId?: string } = {}): OadrMessage => ({
  type: 'oadrCreatePartyRegistration', requestId: 'r', venName: 'v', profileName: '2.0b', transportName: 'simpleHttp',
  reportOnly: false, xmlSignature: false, httpPullModel: true, ...o,
});
const codeOf = (m: OadrMessage | null) => (m && 'response' in m && m.response ? m.response.responseCode : undefined);

async function withVen(fingerprint = FP_A): Promise<{ vtn: VtnServer; venId: string; registrationId: string }> {
  const vtn = await createVtn({ inMemory: true, openEnrollment: true, logger: false });
  const reply = (await vtn.dispatch('EiRegisterParty', create(), { fingerprint })) as Created;
  return { vtn, venId: reply.venId!, registrationId: reply.registrationId! };
}

describe('registration decisions and the certificate binding', () => {
  it('a decision handler handing another certificate a bound VEN\'s venID and registrationID is refused 463', async () => {
    const { vtn, venId, registrationId } = await withVen();
    const before = await vtn.getVen(venId);
    vtn.addHandler('onCreatePartyRegistration', () => [venId, registrationId]);
    expect(codeOf(await vtn.dispatch('EiRegisterParty', create(), { fingerprint: FP_B }))).toBe(463);
    expect((await vtn.getVen(venId))).toEqual(before);
    await vtn.close();
  });

  it('a re-registration keeps its venID even when the decision names a new one (no second record for one registrationID)', async () => {
    const { vtn, venId, registrationId } = await withVen();
    vtn.addHandler('onCreatePartyRegistration', () => ({ venId: 'fresh-id' }));
    const again = (await vtn.dispatch('EiRegisterParty', create({ registrationId }), { fingerprint: FP_A })) as Created;
    expect(codeOf(again)).toBe(200);
    expect(again.venId).toBe(venId);
    expect((await vtn.listVens()).map((v) => v.venId)).toEqual([venId]);
    await vtn.close();
  });

  it('a registration with another VEN\'s registrationID never reaches onCreatePartyRegistration', async () => {
    const { vtn, registrationId } = await withVen();
    let asked = 0;
    vtn.addHandler('onCreatePartyRegistration', () => { asked++; return {}; });
    expect(codeOf(await vtn.dispatch('EiRegisterParty', create({ registrationId }), { fingerprint: FP_B }))).toBe(463);
    expect(codeOf(await vtn.dispatch('EiRegisterParty', create({ registrationId: 'never-issued' }), { fingerprint: FP_B }))).toBe(452);
    expect(asked).toBe(0);
    await vtn.close();
  });

  it('an oadrCanceledPartyRegistration naming only its registrationID retires the VEN that sent it', async () => {
    const { vtn, venId, registrationId } = await withVen();
    await vtn.cancelRegistration(venId);
    const ack = await vtn.dispatch('EiRegisterParty', { type: 'oadrCanceledPartyRegistration', response: { responseCode: 200, requestId: 'x' }, registrationId }, { fingerprint: FP_A });
    expect(codeOf(ack)).toBe(200);
    expect((await vtn.getVen(venId))).toBeUndefined();
    await vtn.close();
  });
});
