// §Webhooks: before a callback URL is accepted the VTN GETs it with ?echo=<random>; the receiver answers 200 with
// that value in its body, proving the URL is live and belongs to the subscriber.
import { randomBytes } from 'node:crypto';
import { resolveCheckedUrl } from '../../push/resolve-target.js';
import { sendPush } from '../../push/push-request.js';
import type { CallbackCheck } from './callback-url.js';

export interface EchoOptions {
  timeoutMs: number;
  maxResponseBytes: number;
}

/** Undefined when the receiver echoed the challenge, else why not (for the 400 Problem). */
export async function echoProblem(checked: Extract<CallbackCheck, { ok: true }>, opts: EchoOptions): Promise<string | undefined> {
  const challenge = randomBytes(16).toString('hex');
  const url = new URL(checked.url.href);
  url.searchParams.set('echo', challenge);
  const resolved = await resolveCheckedUrl(url, checked.rules);
  if (!resolved.ok) return `callbackUrl ${resolved.reason}`;
  const res = await sendPush({ target: resolved.target, body: '', method: 'GET', timeoutMs: opts.timeoutMs, maxResponseBytes: opts.maxResponseBytes });
  if (!res.ok) return `callbackUrl did not answer the echo challenge (GET ?echo=…): ${res.error}`;
  if (res.status !== 200) return `callbackUrl answered the echo challenge (GET ?echo=…) with HTTP ${res.status}; it must answer 200 with the echo value in the body`;
  if (!res.body.includes(challenge)) return 'callbackUrl answered the echo challenge (GET ?echo=…) without the echo value in its body';
  return undefined;
}
