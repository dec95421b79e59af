// Sends one hostile body and classifies the answer; also the two known-VEN steps (register, poll) that prove the
// VTN still serves its fleet.
import type { Pool } from 'undici';
import { createPartyRegistrationXml, pollXml } from './xml-bodies.js';

export interface Answer {
  ms: number;
  /** HTTP status, or 0 when the request failed or timed out. */
  status: number;
  /** The reply's message, e.g. oadrCreatedPartyRegistration, when it is an OpenADR payload. */
  message?: string;
  /** The in-band OpenADR responseCode, when the body has one. */
  oadrCode?: number;
  error?: string;
}

const XML = { 'content-type': 'application/xml; charset=utf-8' };
/** One request may take this long before it counts as failed (the VTN may still be busy with it). */
export const REQUEST_TIMEOUT_MS = 60_000;

export async function send(pool: Pool, path: string, body: string): Promise<Answer & { text: string }> {
  const t = performance.now();
  try {
    const res = await pool.request({ path, method: 'POST', headers: XML, body, headersTimeout: REQUEST_TIMEOUT_MS, bodyTimeout: REQUEST_TIMEOUT_MS });
    const text = await res.body.text();
    const code = /responseCode>(\d+)</.exec(text)?.[1];
    const message = messageName(text);
    return { ms: performance.now() - t, status: res.statusCode, ...(message ? { message } : {}), ...(code ? { oadrCode: Number(code) } : {}), text };
  } catch (err) {
    return { ms: performance.now() - t, status: 0, error: (err as Error).message, text: '' };
  }
}

/** The first element inside oadrSignedObject (a signed reply also names it in its ds:Reference URI). */
export const messageName = (xml: string): string | undefined => /<(?:[\w.-]+:)?oadrSignedObject\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1];

/** "HTTP 200 oadrCreatedPartyRegistration 463", "HTTP 400", "failed: timeout". */
export function describeAnswer(a: Answer): string {
  if (a.status === 0) return `failed: ${(a.error ?? 'no answer').slice(0, 60)}`;
  return `HTTP ${a.status}${a.message ? ` ${a.message}` : ''}${a.oadrCode !== undefined ? ` ${a.oadrCode}` : ''}`;
}

/** Registers a catalogue VEN by name and polls once; the reason when either step does not succeed. */
export async function registerAndPoll(pool: Pool, prefix: string, venName: string): Promise<{ venId?: string; problem?: string }> {
  const reg = await send(pool, `${prefix}/EiRegisterParty`, createPartyRegistrationXml(`known-${Date.now()}`, venName));
  const venId = /venID>([^<]+)</.exec(reg.text)?.[1];
  if (reg.status !== 200 || reg.oadrCode !== 200 || !venId) return { problem: `registration of ${venName}: ${describeAnswer(reg)} ${reg.text.slice(0, 200)}` };
  const poll = await pollOk(pool, prefix, venId);
  return poll ? { venId, problem: poll } : { venId };
}

/** undefined when the VEN's poll is answered without an error code, else why not. */
export async function pollOk(pool: Pool, prefix: string, venId: string): Promise<string | undefined> {
  const poll = await send(pool, `${prefix}/OadrPoll`, pollXml(venId));
  if (poll.status !== 200 || (poll.oadrCode !== undefined && poll.oadrCode !== 200)) return `poll of ${venId}: ${describeAnswer(poll)} ${poll.text.slice(0, 200)}`;
  return undefined;
}
