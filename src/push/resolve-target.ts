// Resolves a push target's host and checks every address it resolves to, then pins the connection to one of
// them: a name that later resolves elsewhere (DNS rebinding) cannot move a request past the checks.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressProblem, bareHost, checkPushTarget, portOf, type PushTargetRules } from '../vtn/push-target.js';

export interface ResolvedTarget {
  url: URL;
  /** The checked address the request connects to. */
  address: string;
  port: number;
}

/** `transient`: the name did not resolve now (worth a retry); otherwise the target is not allowed. */
export type Resolution = { ok: true; target: ResolvedTarget } | { ok: false; reason: string; transient?: boolean };

export type Lookup = (host: string) => Promise<{ address: string }[]>;

const systemLookup: Lookup = (host) => lookup(host, { all: true, verbatim: true });

/** `transportAddress` plus the service name (`/EiEvent`), checked and resolved. */
export async function resolvePushTarget(transportAddress: string, service: string, rules: PushTargetRules, resolve: Lookup = systemLookup): Promise<Resolution> {
  const checked = checkPushTarget(transportAddress, rules);
  if (!checked.ok) return checked;
  return resolveCheckedUrl(new URL(`${checked.url.href.replace(/\/+$/, '')}/${service}`), rules, resolve);
}

/** Resolves `url`'s host and checks every address against `rules` (also for 3.1 webhook callbacks). */
export async function resolveCheckedUrl(url: URL, rules: PushTargetRules, resolve: Lookup = systemLookup): Promise<Resolution> {
  const host = bareHost(url.hostname);
  const port = portOf(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await resolve(host)).map((a) => a.address);
  } catch (err) {
    return { ok: false, transient: true, reason: `${host} does not resolve: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  if (addresses.length === 0) return { ok: false, reason: `${host} resolves to no address` };
  // One bad address refuses the name: a resolver answering a mix is not to be trusted with the choice.
  for (const address of addresses) {
    const problem = addressProblem(address, port, rules);
    if (problem) return { ok: false, reason: `${host} ${problem}` };
  }
  return { ok: true, target: { url, address: addresses[0]!, port } };
}
