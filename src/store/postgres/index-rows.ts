// The vtn_index rows a commit adds and removes, computed in JS from collection-specs.ts. When the unit read the
// record, only the difference is written: changing an event's text rewrites none of its 10,000 venId rows.
import { specOf } from '../collection-specs.js';
import type { PendingWrite } from '../unit/row-source.js';
import { encodeText } from './pg-encoding.js';

/** Parallel arrays, as unnest() takes them. */
export interface IndexRows {
  collection: string[];
  index: string[];
  value: string[];
  key: string[];
}

export interface IndexChanges {
  /** Records whose index rows are all dropped (deleted, or written without knowing the old value). */
  clear: { collection: string[]; key: string[] };
  remove: IndexRows;
  add: IndexRows;
}

const rows = (): IndexRows => ({ collection: [], index: [], value: [], key: [] });

/** index name → the record's distinct index values. */
function valuesOf(collection: string, value: unknown): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (value === undefined) return out;
  for (const [name, fn] of Object.entries(specOf(collection).indexes)) {
    // A missing field yields no index row (no find can ask for it), not a NULL the table refuses.
    out.set(name, new Set((fn as (v: unknown) => readonly unknown[])(value).filter((v): v is string => typeof v === 'string')));
  }
  return out;
}

function push(into: IndexRows, collection: string, index: string, values: Iterable<string>, key: string): void {
  for (const v of values) {
    into.collection.push(collection);
    into.index.push(index);
    into.value.push(encodeText(v));
    into.key.push(encodeText(key));
  }
}

export function indexChanges(writes: readonly PendingWrite[]): IndexChanges {
  const out: IndexChanges = { clear: { collection: [], key: [] }, remove: rows(), add: rows() };
  for (const w of writes) {
    if (Object.keys(specOf(w.collection).indexes).length === 0) continue;
    const after = valuesOf(w.collection, w.value);
    // The old index rows are known when the record was read at the version this write is conditional on;
    // a delete drops them by key (one parameter, not one per venId).
    const knownBefore = w.expected === 0 || (w.expected !== undefined && w.before !== undefined);
    if (!knownBefore || w.value === undefined) {
      out.clear.collection.push(w.collection);
      out.clear.key.push(encodeText(w.key));
      for (const [index, values] of after) push(out.add, w.collection, index, values, w.key);
      continue;
    }
    const before = w.expected === 0 ? new Map<string, Set<string>>() : valuesOf(w.collection, w.before);
    for (const [index, values] of after) {
      const old = before.get(index) ?? new Set<string>();
      push(out.add, w.collection, index, [...values].filter((v) => !old.has(v)), w.key);
      push(out.remove, w.collection, index, [...old].filter((v) => !values.has(v)), w.key);
    }
  }
  return out;
}
