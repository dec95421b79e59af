// The VEN catalogue (config/vens.json) may pin a VEN to a certificate fingerprint: a registration under that
// name or venID presenting another certificate is refused, even while the DEMO open-enrollment rule is on.
import { describe, expect, it } from 'vitest';
import { responseCode, responseDescription, TestVen, venIdOf } from '../../helpers/test-ven.js';
import * as X from '../../helpers/ven-xml/index.js';
import type { RunningTestVtn } from '../../helpers/start-vtn.js';
import { policyVtnPerTest } from '../../helpers/policy-vtn.js';
import { testCertificates, ven } from './helpers/cert-fixture.js';

const HEADER = 'x-ssl-client-cert';
const MAPLE_FP = '7A:1C:03:9E:44:D2:5B:90:0F:EE';
const someoneElse = ven(testCertificates(), 'ven1-rsa').fingerprint;
const startPolicyVtn = policyVtnPerTest();

async function start(): Promise<RunningTestVtn> {
  return (await startPolicyVtn({ openEnrollment: false, trustedProxy: { header: HEADER, addresses: ['127.0.0.1'] } })).running;
}

const registerAs = (r: RunningTestVtn, fingerprint: string, o: { venName: string; venId?: string }) =>
  new TestVen({ baseUrl: r.baseUrl, venName: o.venName }).post('EiRegisterParty', X.oadrCreatePartyRegistration({ requestId: 'r', ...o }), { [HEADER]: fingerprint });

describe('catalogue fingerprints', () => {
  it('a catalogue VEN\'s name or venID with another certificate is refused 463 and leaves no VEN; its own certificate gets its venID', async () => {
    const r = await start();
    const byName = await registerAs(r, someoneElse, { venName: 'maple-st-bldg-3' });
    expect(responseCode(byName)).toBe('463');
    expect(responseDescription(byName)).toMatch(/catalogue binds VEN-MAPLE-3 to another certificate/);
    const byId = await registerAs(r, someoneElse, { venName: 'whoever', venId: 'VEN-OAK-PLANT' });
    expect(responseCode(byId)).toBe('463');
    expect(await r.vtn.listVens()).toEqual([]);

    const genuine = await registerAs(r, MAPLE_FP, { venName: 'maple-st-bldg-3' });
    expect(responseCode(genuine)).toBe('200');
    expect(venIdOf(genuine)).toBe('VEN-MAPLE-3');
    expect((await r.vtn.getVen('VEN-MAPLE-3'))?.fingerprint).toBe(MAPLE_FP);
  });

  it('a VEN without a catalogue fingerprint is still decided by the rules (DEMO open enrollment)', async () => {
    const r = await start();
    expect(responseCode(await registerAs(r, someoneElse, { venName: 'pine-school' }))).toBe('200');
  });

  it('a flood of registrations under a catalogue name with another certificate leaves at most the refusal budget of decision records', async () => {
    const { running: r, policy } = await startPolicyVtn({ openEnrollment: false, trustedProxy: { header: HEADER, addresses: ['127.0.0.1'] } });
    for (let i = 0; i < 25; i += 1) expect(responseCode(await registerAs(r, someoneElse, { venName: 'maple-st-bldg-3' }))).toBe('463');
    const recorded = (await policy.decisions.list()).filter((d) => d.trigger === 'registration');
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.length).toBeLessThanOrEqual(10);
    expect(await r.vtn.listVens()).toEqual([]);
  });
});
