// Sends one claimed message to its VEN: resolve and check the target on every try, bounded retries with
// backoff on transport errors and 5xx, no retry for a refusal; a reply in the response body is handled.
import { encodeOadrPayload } from '../oadr/index.js';
import { SERVICE_OF, type OadrService } from '../oadr/model.js';
import type { MessageSecurity } from '../security/message-security.js';
import type { Vtn } from '../vtn/vtn.js';
import type { Claimed, PushOutcome } from './push-claims.js';
import { handlePushReply } from './push-reply.js';
import { sendPush, type PushClientTls } from './push-request.js';
import type { PushSettings } from './push-settings.js';
import { resolvePushTarget, type Lookup } from './resolve-target.js';

export interface DeliveryDeps {
  vtn: Vtn;
  settings: PushSettings;
  security?: MessageSecurity;
  tls?: PushClientTls;
  lookup?: Lookup;
  /** True once the VTN is stopping: no further try starts. */
  stopping(): boolean;
  /** Aborts the requests in flight when the VTN stops. */
  signal?: AbortSignal;
}

export interface Delivered {
  outcome: PushOutcome;
  tries: number;
  status?: number;
}

export async function deliver(d: DeliveryDeps, c: Claimed): Promise<Delivered> {
  const { message, ven } = c;
  // A queued item without a renderer rendered as a bare oadrResponse: nothing to push.
  if (message.type === 'oadrResponse') return { outcome: { result: 'delivered' }, tries: 0 };
  const home = SERVICE_OF[message.type];
  const service: OadrService = home === 'any' ? 'EiEvent' : home;
  const xml = encodeOadrPayload(message, { intervalDtstart: d.vtn.ctx.settings.intervalDtstart });
  const body = d.security?.sign ? d.security.sign(xml) : xml;
  let lastError = '';
  for (let tries = 1; tries <= d.settings.attempts; tries++) {
    if (d.stopping()) return { outcome: { result: 'released' }, tries: tries - 1 };
    if (tries > 1) await sleep(d.settings.retryBackoffMs * 2 ** (tries - 2));
    const resolved = await resolvePushTarget(ven.transportAddress!, service, d.vtn.ctx.settings.push.rules, d.lookup);
    if (!resolved.ok) {
      if (!resolved.transient) return { outcome: { result: 'refused', error: `push target refused: ${resolved.reason}` }, tries };
      lastError = resolved.reason;
      continue;
    }
    const res = await sendPush({
      target: resolved.target, body, timeoutMs: d.settings.timeoutMs, maxResponseBytes: d.settings.maxResponseBytes,
      ...(d.tls ? { tls: d.tls } : {}), ...(ven.fingerprint ? { venFingerprint: ven.fingerprint } : {}), ...(d.signal ? { signal: d.signal } : {}),
    });
    if (d.stopping()) return { outcome: { result: 'released' }, tries };
    if (!res.ok) {
      lastError = res.error;
      continue;
    }
    if (res.status >= 200 && res.status < 300) {
      if (res.body.trim()) {
        await handlePushReply(d.vtn, d.security, { venId: ven.venId, service, body: res.body, ...(res.peerFingerprint ? { peerFingerprint: res.peerFingerprint } : {}) }, d.settings.maxResponseBytes)
          .catch((err: unknown) => d.vtn.ctx.log.error({ err, venId: ven.venId }, 'push reply could not be handled'));
      }
      return { outcome: { result: 'delivered' }, tries, status: res.status };
    }
    const text = `HTTP ${res.status}${res.body.trim() ? `: ${res.body.trim().slice(0, 200)}` : ''}`;
    if (res.status >= 300 && res.status < 400) return { outcome: { result: 'refused', error: `${text} (redirects are not followed)` }, tries, status: res.status };
    if (res.status >= 500 || res.status === 429) {
      lastError = text;
      continue;
    }
    return { outcome: { result: 'refused', error: text }, tries, status: res.status };
  }
  return { outcome: { result: 'failed', error: lastError }, tries: d.settings.attempts };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
