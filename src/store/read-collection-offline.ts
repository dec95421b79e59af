// One collection as the state files hold it, read beside a running VTN (no lock, nothing written): the snapshot,
// then the journals' later changes in write order — all streamed, like the store's own start-up.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VtnError } from '../errors.js';
import { replayJournal } from './journal-reader.js';
import { StreamedSnapshotAdapter } from './streamed-snapshot-adapter.js';
import { consoleStoreLogger } from './store-logger.js';

/** The records of `name` in `dataDir`, or undefined when the folder holds no VTN state at all. */
export async function readCollectionOffline(dataDir: string, name: string): Promise<Map<string, unknown> | undefined> {
  const snapshotPath = join(dataDir, 'vtn.json');
  const journals = ['vtn.journal.prev', 'vtn.journal'].map((file) => join(dataDir, file));
  if (!existsSync(snapshotPath) && !journals.some((path) => existsSync(path))) return undefined;
  const records = new Map<string, unknown>();
  let doc;
  try {
    doc = await new StreamedSnapshotAdapter(snapshotPath, { fsync: false, only: name }).read();
  } catch (e) {
    throw new VtnError('E_STATE_CORRUPT', `The state file ${snapshotPath} cannot be read: ${(e as Error).message}`);
  }
  for (const [key, value] of doc?.collections.get(name) ?? []) records.set(key, value);
  for (const path of journals) {
    // A compaction may remove vtn.journal.prev meanwhile; its entries are then in the snapshot read above.
    await replayJournal(path, (entry) => {
      if (entry.c !== name) return;
      if (entry.v === undefined) records.delete(entry.k);
      else records.set(entry.k, entry.v);
    }, consoleStoreLogger, { readOnly: true });
  }
  return records;
}
