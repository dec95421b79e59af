// In-process CPU cost of the signature work on one signed poll, stage by stage: what scenario (d)'s rate is made of.
import { certificateFingerprint } from '../security/fingerprint.js';
import { createPayloadSigner } from '../security/xmldsig/sign-payload.js';
import { verifySignedPayload } from '../security/xmldsig/verify-payload.js';
import { okResponseXml, pollXml } from './xml-bodies.js';
import type { StageCost } from './poll-breakdown.js';

/** Mean µs per call over `iterations` (after a short warm-up), with a VEN and a VTN RSA key pair. */
export function signedPollBreakdown(ven: { cert: string; key: string }, vtn: { cert: string; key: string }, iterations = 200): StageCost[] {
  const venSign = createPayloadSigner(ven);
  const vtnSign = createPayloadSigner(vtn);
  const expectedFingerprint = certificateFingerprint(ven.cert);
  const polls = Array.from({ length: iterations + 20 }, (_, i) => venSign(pollXml(`ven-${i}`)));
  const reply = okResponseXml('ven-1');
  const time = (stage: string, fn: (i: number) => unknown): StageCost => {
    for (let i = 0; i < 20; i++) fn(i);
    const t = performance.now();
    for (let i = 20; i < iterations + 20; i++) fn(i);
    return { stage, microseconds: Math.round((performance.now() - t) * 1000 / iterations) };
  };
  return [
    time('verify a signed poll (src/security verifySignedPayload)', (i) => verifySignedPayload(polls[i]!, { expectedFingerprint })),
    time('sign the reply (src/security createPayloadSigner)', () => vtnSign(reply)),
  ];
}
