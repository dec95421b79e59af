// Which webhook callback URLs the VTN calls (§Webhooks, SSRF): https to a host that is not loopback, link-local,
// unspecified, multicast or the VTN itself, or a URL under an `openadr3.callbackAllow` prefix (never the VTN's own port).
import { isIP } from 'node:net';
import { addressProblem, bareHost, portOf, type PushTargetRules } from '../../vtn/push-target.js';

export interface CallbackRules {
  /** URL prefixes the operator allows besides https (e.g. "http://127.0.0.1:"). */
  allow: readonly string[];
  /** The VTN's listen ports (a live list: listen() adds the bound port) and non-loopback addresses. */
  ownPorts: number[];
  ownAddresses: readonly string[];
}

export type CallbackCheck = { ok: true; url: URL; rules: PushTargetRules } | { ok: false; reason: string };

const ALLOW_HINT = 'list its prefix in openadr3.callbackAllow in config/vtn.json to allow it (e.g. "http://127.0.0.1:" for a local receiver)';

/** Syntax, scheme and literal addresses of a callback URL; names are resolved and checked at each request. */
export function checkCallbackUrl(text: string, rules: CallbackRules): CallbackCheck {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `callbackUrl "${text.slice(0, 80)}" is not an absolute URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `callbackUrl must be https, not ${url.protocol.replace(':', '')}` };
  if (url.username || url.password) return { ok: false, reason: 'callbackUrl must not carry a user name or password: send the credential as the bearerToken' };
  const allowed = rules.allow.some((prefix) => text.startsWith(prefix));
  if (!allowed && url.protocol !== 'https:') return { ok: false, reason: `callbackUrl must be https (§Webhooks); ${ALLOW_HINT}` };
  const target: PushTargetRules = { allowLoopback: allowed, httpsOnly: !allowed, ownPorts: rules.ownPorts, ownAddresses: rules.ownAddresses };
  const host = bareHost(url.hostname);
  if (isIP(host)) {
    const problem = addressProblem(host, portOf(url), target);
    if (problem) return { ok: false, reason: `callbackUrl ${allowed ? problem : problem.replace(/ \(allowed only with push\.allowLoopback\)/, `; ${ALLOW_HINT}`)}` };
  } else if (!allowed && /^localhost\.?$/i.test(host)) {
    return { ok: false, reason: `callbackUrl names localhost; ${ALLOW_HINT}` };
  }
  return { ok: true, url, rules: target };
}

/** The VTN's own ports and addresses (shared with push targets, so the ports bound at listen() count) and the operator's prefixes. */
export function callbackRulesOf(pushRules: PushTargetRules, allow: readonly string[]): CallbackRules {
  return { allow, ownPorts: pushRules.ownPorts, ownAddresses: pushRules.ownAddresses };
}
