// The compacted state `vtn.json`, read and written through lowdb with a streaming adapter (temp + rename),
// with a backup of the last good one and a refusal to overwrite a file someone else changed.
import { existsSync, statSync } from 'node:fs';
import { Low } from 'lowdb';
import { VtnError } from '../errors.js';
import { SNAPSHOT_FORMAT, type SnapshotDocument } from './snapshot-layout.js';
import { StreamedSnapshotAdapter } from './streamed-snapshot-adapter.js';

export { SNAPSHOT_FORMAT, type SnapshotDocument } from './snapshot-layout.js';

const emptyDocument = (): SnapshotDocument => ({ format: SNAPSHOT_FORMAT, savedAt: '', collections: new Map() });

export class SnapshotFile {
  readonly path: string;
  readonly backupPath: string;
  readonly #adapter: StreamedSnapshotAdapter;
  readonly #db: Low<SnapshotDocument>;
  /** Size, mtime and inode of the file as this process last read or wrote it; undefined when there was no file. */
  #known: string | undefined;

  constructor(path: string, options: { fsync: boolean }) {
    this.path = path;
    this.backupPath = `${path}.bak`;
    this.#adapter = new StreamedSnapshotAdapter(path, { ...options, backupPath: this.backupPath });
    this.#db = new Low(this.#adapter, emptyDocument());
  }

  /** The saved document, an empty one if there is none yet; a damaged file is an E_STATE_CORRUPT error and is left alone. */
  async load(): Promise<SnapshotDocument> {
    const defaults = emptyDocument();
    this.#db.data = defaults;
    const existed = existsSync(this.path);
    try {
      await this.#db.read();
    } catch (e) {
      throw this.#corrupt((e as Error).message);
    }
    // lowdb keeps the defaults when the file parses to null.
    if (existed && this.#db.data === defaults) throw this.#corrupt('the file holds no document');
    const doc = this.#db.data;
    // The records now live in the store; the document is not kept twice.
    this.#db.data = emptyDocument();
    this.#known = fileStamp(this.path);
    return doc;
  }

  /**
   * Keeps the current (good) snapshot as the backup, then atomically replaces it with `doc`; gives up with
   * SnapshotWriteStopped (old file untouched) once `shouldStop` returns true.
   */
  async save(doc: SnapshotDocument, shouldStop: () => boolean = () => false): Promise<{ writes: number; bytes: number }> {
    const current = fileStamp(this.path);
    if (current !== this.#known) {
      // Someone else wrote or removed it: neither keep it as the "good" backup nor overwrite it.
      throw new VtnError(
        'E_STATE_CORRUPT',
        `The state file ${this.path} was changed outside this VTN since it was last read or written; not overwriting it`,
        'stop the VTN, check the file and start again (the journal keeps every change until then)',
      );
    }
    this.#db.data = doc;
    this.#adapter.shouldStop = shouldStop;
    try {
      await this.#db.write();
    } finally {
      this.#db.data = emptyDocument();
      this.#adapter.shouldStop = () => false;
    }
    this.#known = fileStamp(this.path);
    return this.#adapter.lastWrite ?? { writes: 0, bytes: 0 };
  }

  #corrupt(reason: string): VtnError {
    const hint = existsSync(this.backupPath)
      ? `the last good snapshot is ${this.backupPath}: stop the VTN, move ${this.path} aside, copy ${this.backupPath} ` +
        `to ${this.path} and start again (changes saved between that backup and the damaged file are lost)`
      : `no backup (${this.backupPath}) exists: repair the file, or move it aside to start with empty state`;
    return new VtnError('E_STATE_CORRUPT', `The state file ${this.path} cannot be read: ${reason}`, hint);
  }
}

function fileStamp(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}:${stat.ino}`;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}
