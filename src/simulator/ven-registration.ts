// Registration steps of a simulated VEN: query, create (or re-create), then offer its reports.
import type { OadrMessage, OadrRegisteredReport } from '../oadr/model.js';
import { metadataReports } from './report-offers.js';
import { VenRequestError, type VenClient } from './ven-client.js';

export interface Registration {
  venId: string;
  registrationId: string;
  /** What the VTN granted (oadrRequestedOadrPollFreq); the query's value when the create omits it. */
  pollFreqMs: number;
}

const DEFAULT_POLL_MS = 10_000;

export function expectReply<T extends OadrMessage['type']>(reply: OadrMessage | null, type: T, step: string): Extract<OadrMessage, { type: T }> {
  if (!reply || reply.type !== type) throw new VenRequestError(`${step}: expected ${type}, got ${reply?.type ?? 'an empty body'}`);
  const msg = reply as Extract<OadrMessage, { type: T }>;
  if ('response' in msg && msg.response && msg.response.responseCode !== 200) {
    const r = msg.response;
    throw new VenRequestError(`${step}: the VTN answered ${r.responseCode}${r.responseDescription ? ` (${r.responseDescription})` : ''}`);
  }
  return msg;
}

/**
 * oadrQueryRegistration then oadrCreatePartyRegistration. With `previous` (a re-registration) the VEN names its
 * venID and registrationID first and falls back to a fresh registration when the VTN no longer knows them.
 */
export async function register(client: VenClient, venName: string, newRequestId: () => string, previous?: Registration): Promise<Registration> {
  const query = expectReply(await client.send('EiRegisterParty', { type: 'oadrQueryRegistration', requestId: newRequestId() }), 'oadrCreatedPartyRegistration', 'query registration');
  const create = async (ids?: Registration) => expectReply(await client.send('EiRegisterParty', {
    type: 'oadrCreatePartyRegistration', requestId: newRequestId(), venName,
    ...(ids ? { venId: ids.venId, registrationId: ids.registrationId } : {}),
    profileName: '2.0b', transportName: 'simpleHttp', reportOnly: false, xmlSignature: false, httpPullModel: true,
  }), 'oadrCreatedPartyRegistration', 'create registration');
  let created;
  try {
    created = await create(previous);
  } catch (err) {
    if (!previous || !(err instanceof VenRequestError) || !/\b452\b/.test(err.message)) throw err;
    created = await create();
  }
  if (!created.venId || !created.registrationId) throw new VenRequestError('create registration: the VTN sent no venID or registrationID');
  return { venId: created.venId, registrationId: created.registrationId, pollFreqMs: created.pollFreq ?? query.pollFreq ?? DEFAULT_POLL_MS };
}

/** The VEN's oadrRegisterReport (reportRequestID 0); the VTN's answer carries the requests it wants. */
export async function registerReports(client: VenClient, venId: string, resourceId: string, minPeriodMs: number, requestId: string, now: Date): Promise<OadrRegisteredReport> {
  const reply = await client.send('EiReport', {
    type: 'oadrRegisterReport', requestId, reports: metadataReports(resourceId, minPeriodMs, now), venId, reportRequestId: '0',
  });
  return expectReply(reply, 'oadrRegisteredReport', 'register reports');
}
