// The admin API takes a venName wherever it takes a venId: path and query venIds, and the VENs an event body names.
import type { FastifyInstance } from 'fastify';
import { VtnError } from '../errors.js';
import { clipText } from '../clip-text.js';
import type { VenRecord } from '../store/records.js';
import { lookUpVens, type VenRef } from '../vtn/ven-ref.js';
import type { Vtn } from '../vtn/vtn.js';

const candidate = (v: VenRecord) => ({ venId: v.venId, ...(v.venName !== undefined ? { venName: v.venName } : {}), registeredAt: v.registeredAt });

function ambiguous(ref: Extract<VenRef, { ambiguous: string }>): VtnError {
  const ids = ref.candidates.map((v) => v.venId);
  return new VtnError('E_VEN_AMBIGUOUS', `venName "${clipText(ref.ambiguous, 64)}" is carried by ${ids.length > 20 ? 'more than 20' : ids.length} registered VENs (${ids.join(', ')})`,
    'name one of them by its venId', { candidates: ref.candidates.map(candidate) });
}

/** venIds for refs; a ref no VEN has stays as given (it may be a VEN that has left); ambiguous names throw. */
export async function resolveVenRefs(vtn: Vtn, refs: readonly string[]): Promise<{ ids: Map<string, string>; unknown: string[] }> {
  const found = await vtn.store.unit((u) => lookUpVens(u, refs), { label: 'admin VEN lookup' });
  const ids = new Map<string, string>();
  const unknown: string[] = [];
  for (const [ref, r] of found) {
    if ('ambiguous' in r) throw ambiguous(r);
    if ('unknown' in r) unknown.push(ref);
    ids.set(ref, 'found' in r ? r.found.venId : ref);
  }
  return { ids, unknown };
}

/** Every route's `:venId` and `?venId=` go through here, so a route added later accepts names too. */
export function installVenRefHook(app: FastifyInstance, vtn: Vtn): void {
  app.addHook('preHandler', async (req) => {
    for (const holder of [req.params, req.query] as Record<string, unknown>[]) {
      const ref = holder?.venId;
      if (typeof ref !== 'string' || ref === '') continue;
      holder.venId = (await resolveVenRefs(vtn, [ref])).ids.get(ref);
    }
  });
}
