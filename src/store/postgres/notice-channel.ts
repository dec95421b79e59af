// The change notices instances send each other over LISTEN/NOTIFY: who sent it (to skip one's own), what changed.
import type { ChangeNotice } from '../store.js';

export const CHANNEL = 'vtn_changes';
/** NOTIFY payloads must stay under 8,000 bytes; past this the VEN list is replaced by '*' (wake everyone). */
const MAX_PAYLOAD_BYTES = 7_000;

/** After notifications may have been lost (a dropped LISTEN connection): anything may have changed. */
export const EVERYTHING: ChangeNotice = { collections: ['*'], venIds: ['*'], origin: 'remote' };

interface Payload {
  i: string;
  c: string[];
  v: string[];
}

export function encodeNotice(instanceId: string, notice: ChangeNotice): string {
  const full = JSON.stringify({ i: instanceId, c: notice.collections, v: notice.venIds } satisfies Payload);
  if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
  const collections = JSON.stringify({ i: instanceId, c: notice.collections, v: ['*'] } satisfies Payload);
  return Buffer.byteLength(collections) <= MAX_PAYLOAD_BYTES ? collections : JSON.stringify({ i: instanceId, c: ['*'], v: ['*'] } satisfies Payload);
}

/** The notice another instance sent; undefined for this instance's own; "everything" for an unreadable one. */
export function decodeNotice(instanceId: string, payload: string | undefined): ChangeNotice | undefined {
  // Every listener hears this instance's own notices too: told apart without parsing (encodeNotice writes `i` first).
  if (payload?.startsWith(`{"i":${JSON.stringify(instanceId)},`)) return undefined;
  try {
    const p = JSON.parse(payload ?? '') as Partial<Payload>;
    if (p.i === instanceId) return undefined;
    if (!Array.isArray(p.c) || !Array.isArray(p.v)) return EVERYTHING;
    return { collections: p.c.map(String), venIds: p.v.map(String), origin: 'remote' };
  } catch {
    return EVERYTHING;
  }
}

/** Room for ids when merging notices: under MAX_PAYLOAD_BYTES with the envelope and instance id. */
const MERGED_ID_BYTES = 6_000;

/**
 * The notices as few payloads: unions of their collections and VENs (a receiver drops a little more than each
 * notice named, never less), each kept under the payload bound so no merge turns into "every VEN".
 */
export function mergedPayloads(instanceId: string, notices: readonly ChangeNotice[]): string[] {
  const out: string[] = [];
  let collections = new Set<string>();
  let venIds = new Set<string>();
  let bytes = 0;
  const flush = () => {
    if (collections.size === 0 && venIds.size === 0) return;
    const all = (ids: Set<string>) => (ids.has('*') ? ['*'] : [...ids]);
    out.push(encodeNotice(instanceId, { collections: all(collections), venIds: all(venIds), origin: 'local' }));
    collections = new Set();
    venIds = new Set();
    bytes = 0;
  };
  for (const n of notices) {
    const size = [...n.collections, ...n.venIds].reduce((sum, id) => sum + JSON.stringify(id).length + 1, 0);
    if (bytes > 0 && bytes + size > MERGED_ID_BYTES) flush();
    for (const c of n.collections) collections.add(c);
    for (const v of n.venIds) venIds.add(v);
    bytes += size;
  }
  flush();
  return out;
}

