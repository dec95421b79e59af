// Snapshots written before the line-per-record layout: one JSON document, checked and turned into the same shape.
import { SNAPSHOT_FORMAT, type SnapshotDocument } from './snapshot-layout.js';

const isRecordObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parsed older document as a SnapshotDocument; throws the reason when its shape is wrong. */
export function legacyDocument(data: unknown): SnapshotDocument {
  if (!isRecordObject(data)) throw new Error('the document is not a JSON object');
  if (data.format !== SNAPSHOT_FORMAT) {
    throw new Error(`unsupported format ${JSON.stringify(data.format)} (this VTN reads format ${SNAPSHOT_FORMAT})`);
  }
  if (!isRecordObject(data.collections)) throw new Error('"collections" is not an object');
  const collections = new Map<string, Map<string, unknown>>();
  for (const [name, records] of Object.entries(data.collections)) {
    if (!isRecordObject(records)) throw new Error(`collection "${name}" is not an object of records`);
    collections.set(name, new Map(Object.entries(records)));
  }
  return { format: SNAPSHOT_FORMAT, savedAt: typeof data.savedAt === 'string' ? data.savedAt : '', collections };
}
