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
  try {
    const p = JSON.parse(payload ?? '') as Partial<Payload>;
    if (p.i === instanceId) return undefined;
    if (!Array.isArray(p.c) || !Array.isArray(p.v)) return EVERYTHING;
    return { collections: p.c.map(String), venIds: p.v.map(String), origin: 'remote' };
  } catch {
    return EVERYTHING;
  }
}
