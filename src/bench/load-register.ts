// A small HTTP registration pass: the seeded fleet skips HTTP registration, so prove the real path works too.
import { Pool } from 'undici';
import { createPartyRegistrationXml, pollXml } from './xml-bodies.js';

export interface RegisterJob { origin: string; prefix: string; count: number }
export interface RegisterResult { registered: number; polled: number; ms: number; problems: string[] }

const XML = { 'content-type': 'application/xml; charset=utf-8' };

export async function runRegister(job: RegisterJob): Promise<RegisterResult> {
  const pool = new Pool(job.origin, { connections: 4 });
  const problems: string[] = [];
  let registered = 0;
  let polled = 0;
  const start = performance.now();
  for (let i = 0; i < job.count; i++) {
    const res = await pool.request({ path: `${job.prefix}/EiRegisterParty`, method: 'POST', headers: XML, body: createPartyRegistrationXml(`reg-req-${i}`, `http-ven-${i}`) });
    const text = await res.body.text();
    const venId = /venID>([^<]+)</.exec(text)?.[1];
    if (res.statusCode !== 200 || !/responseCode>200</.test(text) || !venId) {
      problems.push(`registration ${i}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
      continue;
    }
    registered++;
    // A fresh VEN's first poll brings the VTN's report registration or an oadrResponse: anything but an error.
    const poll = await pool.request({ path: `${job.prefix}/OadrPoll`, method: 'POST', headers: XML, body: pollXml(venId) });
    const reply = await poll.body.text();
    if (poll.statusCode === 200 && !/oadrRequestReregistration/.test(reply)) polled++;
    else problems.push(`first poll of ${venId}: HTTP ${poll.statusCode} ${reply.slice(0, 200)}`);
  }
  await pool.close();
  return { registered, polled, ms: Math.round(performance.now() - start), problems };
}
