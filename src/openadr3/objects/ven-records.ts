// Stored ven and resource objects and who may see them (§Object Privacy: a VEN client sees only objects with its
// clientID; business logic sees all). Stored exactly as served.
import type { Repository, Unit } from '../../store/store.js';
import { isBusinessLogic, type Principal } from '../auth/scopes.js';
import { OA3, type ObjectMetadata } from './oa3-collections.js';
import type { Page } from './paging.js';

export interface ValuesMap {
  type: string;
  values: unknown[];
}

export interface VenObject extends ObjectMetadata {
  objectType: 'VEN';
  clientID: string;
  venName: string;
  targets?: string[] | null;
  attributes?: ValuesMap[] | null;
}

export interface ResourceObject extends ObjectMetadata {
  objectType: 'RESOURCE';
  clientID: string;
  resourceName: string;
  venID: string;
  targets?: string[] | null;
  attributes?: ValuesMap[] | null;
}

export const venRepo = (u: Unit): Repository<VenObject> => u.collection<VenObject>(OA3.vens);
export const resourceRepo = (u: Unit): Repository<ResourceObject> => u.collection<ResourceObject>(OA3.resources);

// venName and clientID are each held by one ven: a claim record per value, written with create(), makes two
// concurrent creates (on any instance) conflict at commit, and the re-run then sees the winner.
const CLAIMS = 'oa3VenClaims';
const claimKeys = (v: { venName: string; clientID: string }): string[] => [`name:${v.venName}`, `client:${v.clientID}`];

/** Moves the claims of a ven from its old values (absent for a new ven) to its new ones (absent for a delete). */
export function moveClaims(u: Unit, before: VenObject | undefined, after: VenObject | undefined): void {
  const claims = u.collection<{ venID: string }>(CLAIMS);
  const old = before ? claimKeys(before) : [];
  const next = after ? claimKeys(after) : [];
  for (const k of old) if (!next.includes(k)) claims.delete(k);
  for (const k of next) if (!old.includes(k)) claims.create(k, { venID: after!.id });
}

/** §Object Privacy: BL has unrestricted access; a VEN client only to objects carrying its clientID. */
export function visibleTo(principal: Principal, object: { clientID?: string }): boolean {
  return isBusinessLogic(principal) || object.clientID === principal.clientID;
}

/** True when the object carries every requested target (filters are additive, §Response Filtering). */
export function hasTargets(object: { targets?: string[] | null }, wanted: readonly string[]): boolean {
  return wanted.every((t) => object.targets?.includes(t) ?? false);
}

/** One page of the records `match` keeps, read from a candidate list (an index hit) or the collection in key order. */
export async function pageOf<T>(repo: Repository<T>, candidates: Promise<T[]> | undefined, match: (v: T) => boolean, page: Page): Promise<T[]> {
  const want = page.skip + page.limit;
  if (page.limit === 0) return [];
  const found: T[] = [];
  if (candidates) {
    for (const v of await candidates) if (match(v) && found.push(v) >= want) break;
    return found.slice(page.skip);
  }
  // No index narrows the read: walk the collection in chunks until the page is full.
  let after: string | undefined;
  for (;;) {
    const chunk = await repo.list({ ...(after !== undefined ? { after } : {}), limit: 500 });
    for (const r of chunk) if (match(r.value) && found.push(r.value) >= want) return found.slice(page.skip);
    if (chunk.length < 500) return found.slice(page.skip);
    after = chunk.at(-1)!.key;
  }
}

/** A query parameter sent once or repeated: its first value. */
export function firstString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
