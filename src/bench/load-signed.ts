// Scenario (d) on the load generator's side: VENs register with signed messages (which pins their certificate),
// then polls are signed ahead of time, one per request (the VTN refuses a replayed nonce), and sent at full speed.
import { Pool } from 'undici';
import { createPayloadSigner } from '../security/xmldsig/sign-payload.js';
import { runMax, type MaxResult } from './load-max.js';
import { createPartyRegistrationXml, pollXml } from './xml-bodies.js';

export interface SignedSetupJob { origin: string; prefix: string; count: number; cert: string; key: string }
export interface SignedSetupResult { venIds: string[]; problems: string[] }
/** `once`: each signed body is sent exactly once (the VTN); otherwise they cycle for `maxS` seconds (the baseline). */
export interface SignedPollJob { url: string; venIds: string[]; cert: string; key: string; bodies: number; connections: number; maxS: number; once: boolean }
export interface SignedPollResult extends MaxResult { signMsPerBody: number }

const XML = { 'content-type': 'application/xml; charset=utf-8' };

/** Registers `count` VENs with oadrXmlSignature true, each message signed; drains each VEN's first poll. */
export async function registerSigned(job: SignedSetupJob): Promise<SignedSetupResult> {
  const sign = createPayloadSigner({ cert: job.cert, key: job.key });
  const pool = new Pool(job.origin, { connections: 4 });
  const venIds: string[] = [];
  const problems: string[] = [];
  try {
    for (let i = 0; i < job.count; i++) {
      const body = sign(createPartyRegistrationXml(`signed-reg-${i}`, `signed-ven-${i}`).replace('<oadr:oadrXmlSignature>false<', '<oadr:oadrXmlSignature>true<'));
      const res = await pool.request({ path: `${job.prefix}/EiRegisterParty`, method: 'POST', headers: XML, body });
      const text = await res.body.text();
      const venId = /venID>([^<]+)</.exec(text)?.[1];
      if (res.statusCode !== 200 || !/responseCode>200</.test(text) || !venId) {
        problems.push(`signed registration ${i}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
        continue;
      }
      // The first poll brings the VTN's own report registration; later polls are idle.
      const poll = await pool.request({ path: `${job.prefix}/OadrPoll`, method: 'POST', headers: XML, body: sign(pollXml(venId)) });
      const reply = await poll.body.text();
      if (poll.statusCode === 200 && !/responseCode>4\d\d</.test(reply)) venIds.push(venId);
      else problems.push(`first signed poll of ${venId}: HTTP ${poll.statusCode} ${reply.slice(0, 300)}`);
    }
  } finally {
    await pool.close();
  }
  return { venIds, problems };
}

/** Signs `bodies` polls (each with its own nonce), then sends them over keep-alive connections. */
export async function runSignedPolls(job: SignedPollJob): Promise<SignedPollResult> {
  if (job.venIds.length === 0) throw new Error('runSignedPolls needs registered venIds');
  const sign = createPayloadSigner({ cert: job.cert, key: job.key });
  const t = performance.now();
  const bodies = Array.from({ length: job.bodies }, (_, i) => sign(pollXml(job.venIds[i % job.venIds.length]!)));
  const signMsPerBody = (performance.now() - t) / job.bodies;
  const result = await runMax({ url: job.url, bodies, connections: job.connections, durationS: job.maxS, ...(job.once ? { amount: bodies.length, countRefusals: true } : {}) });
  return { ...result, signMsPerBody: Math.round(signMsPerBody * 100) / 100 };
}
