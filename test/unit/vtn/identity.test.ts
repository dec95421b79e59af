// The certificate identity check in the dispatcher (requirements §7): a venID belongs to one certificate.
import { describe, expect, it } from 'vitest';
import { createVtn } from '../../../src/create-vtn.js';
import type { OadrMessage } from '../../../src/oadr/model.js';

const FP_A = '11:22:33:44:55:66:77:88:99:AA';
const FP_B = 'AA:BB:CC:DD:EE:FF:00:11:22:33';

async function registered(fingerprint?: string) {
  const vtn = await createVtn({ inMemory: true, openEnrollment: true, logger: false });
  const reply = await vtn.dispatch('EiRegisterParty', {
    type: 'oadrCreatePartyRegistration', requestId: 'r1', venName: 'v', profileName: '2.0b', transportName: 'simpleHttp',
    reportOnly: false, xmlSignature: false, httpPullModel: true,
  }, fingerprint ? { fingerprint } : {});
  const venId = (reply as Extract<OadrMessage, { type: 'oadrCreatedPartyRegistration' }>).venId!;
  return { vtn, venId };
}

const codeOf = (m: OadrMessage | null) => (m && 'response' in m && m.response ? m.response.responseCode : undefined);

describe('certificate identity', () => {
  it('binds the fingerprint at registration and refuses the venID with another certificate (463)', async () => {
    const { vtn, venId } = await registered(FP_A);
    expect((await vtn.getVen(venId))!.fingerprint).toBe(FP_A);
    expect((await vtn.dispatch('OadrPoll', { type: 'oadrPoll', venId }, { fingerprint: FP_A }))!.type).toBe('oadrRegisterReport');
    const spoofed = await vtn.dispatch('EiEvent', { type: 'oadrRequestEvent', requestId: 'q', venId }, { fingerprint: FP_B });
    expect(codeOf(spoofed)).toBe(463);
    await vtn.close();
  });

  it('a VEN registered without a certificate must register again once TLS presents one', async () => {
    const { vtn, venId } = await registered();
    const reply = await vtn.dispatch('EiEvent', { type: 'oadrRequestEvent', requestId: 'q', venId }, { fingerprint: FP_A });
    expect(codeOf(reply)).toBe(463);
    expect(reply && 'response' in reply ? reply.response?.responseDescription : '').toMatch(/register again over TLS/);
    expect(codeOf(await vtn.dispatch('EiEvent', { type: 'oadrRequestEvent', requestId: 'q', venId }, {}))).toBe(200);
    await vtn.close();
  });
});
