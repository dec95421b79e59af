// The VENs an admin event body names (venId, venIds, targets, signal targets), by venId or venName: each becomes
// its venId, and a body naming a VEN nobody registered is refused before anything is created.
import { VtnError } from '../errors.js';
import { clipText } from '../clip-text.js';
import type { Vtn } from '../vtn/vtn.js';
import { resolveVenRefs } from './ven-resolver.js';

type MapRef = (ref: string) => string;
type Loose = Record<string, unknown>;

const TARGET_KEYS = ['venId', 'venIds'];
const BY_TYPE_KEYS = ['venId', 'ven_id'];
const SHOWN_UNKNOWN = 5;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const mapValue = (v: unknown, f: MapRef): unknown =>
  (typeof v === 'string' ? f(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? f(x) : x)) : v);

function mapKeys(obj: unknown, keys: readonly string[], f: MapRef): unknown {
  if (!isObject(obj)) return obj;
  const out: Loose = { ...obj };
  for (const k of keys) if (k in out) out[k] = mapValue(out[k], f);
  return out;
}

/** A copy of `body` with every VEN reference passed through `f`. */
export function mapEventVens<T>(body: T, f: MapRef): T {
  if (!isObject(body)) return body;
  const out = mapKeys(body, TARGET_KEYS, f) as Loose;
  if ('target' in out) out.target = mapKeys(out.target, TARGET_KEYS, f);
  if (Array.isArray(out.targets)) out.targets = out.targets.map((t) => mapKeys(t, TARGET_KEYS, f));
  if ('targetsByType' in out) out.targetsByType = mapKeys(out.targetsByType, BY_TYPE_KEYS, f);
  if (Array.isArray(out.signals)) out.signals = out.signals.map((s) => (isObject(s) && 'target' in s ? { ...s, target: mapKeys(s.target, TARGET_KEYS, f) } : s));
  return out as T;
}

/** `body` with venNames replaced by venIds; E_VEN_UNKNOWN (404) when a reference is neither. */
export async function resolveEventVens<T>(vtn: Vtn, body: T): Promise<T> {
  const refs: string[] = [];
  mapEventVens(body, (ref) => { refs.push(ref); return ref; });
  if (refs.length === 0) return body;
  const { ids, unknown } = await resolveVenRefs(vtn, refs);
  if (unknown.length > 0) {
    const shown = unknown.slice(0, SHOWN_UNKNOWN).map((r) => `"${clipText(r, 64)}"`).join(', ');
    const more = unknown.length > SHOWN_UNKNOWN ? ` and ${unknown.length - SHOWN_UNKNOWN} more` : '';
    throw new VtnError('E_VEN_UNKNOWN', `no registered VEN has the venId or venName ${shown}${more}; nothing was created`,
      'name registered VENs (GET /admin/v1/vens lists them), or create the event with vtn.addEvent for VENs that register later');
  }
  return mapEventVens(body, (ref) => ids.get(ref) ?? ref);
}
