// Test access to a Store outside any message: each call is its own unit of work (reads commit nothing).
import type { Store } from '../../src/store/store.js';

/** The records of collection `name` in key order. */
export async function readAll<T = unknown>(store: Store, name: string): Promise<T[]> {
  const rows = await store.unit((u) => u.collection<T>(name).list(), { label: 'test read' });
  return rows.map((r) => r.value);
}

/** One record, or undefined. */
export function readOne<T = unknown>(store: Store, name: string, key: string): Promise<T | undefined> {
  return store.unit((u) => u.collection<T>(name).get(key), { label: 'test read' });
}

/** Records of `name` whose declared index `index` holds `value`. */
export function readBy<T = unknown>(store: Store, name: string, index: string, value: string): Promise<T[]> {
  return store.unit((u) => u.collection<T>(name).find(index, value), { label: 'test read' });
}

export function countOf(store: Store, name: string): Promise<number> {
  return store.unit((u) => u.collection(name).count(), { label: 'test read' });
}

/** Writes records straight into the store (state a test starts from, or damage it inflicts). */
export async function putAll(store: Store, name: string, records: Iterable<[string, unknown]>): Promise<void> {
  await store.unit(async (u) => {
    for (const [key, value] of records) u.collection(name).put(key, value);
  }, { label: 'test write' });
}

/** Every record of these collections with its key, as one string: for "the state did not change" assertions. */
export async function stateOf(store: Store, names: readonly string[]): Promise<string> {
  const out: [string, [string, unknown][]][] = [];
  for (const name of names) {
    const rows = await store.unit((u) => u.collection(name).list(), { label: 'test read' });
    out.push([name, rows.map((r) => [r.key, r.value])]);
  }
  return JSON.stringify(out);
}

/**
 * Every collection a VTN writes, for "nothing changed" checks. Presence is left out: it is last-seen
 * bookkeeping (own tests), written by accepted messages at most once per two poll periods.
 */
export const STATE_COLLECTIONS = [
  'vens', 'events', 'deliveries', 'opts', 'pending', 'meta', 'reportOffers', 'reportSubscriptions', 'decisions',
  'scheduleOccurrences', 'replayNonces', 'eventArchive',
] as const;
