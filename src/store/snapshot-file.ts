// The compacted state `vtn.json`, read and written through lowdb (atomic temp + rename), with a backup of the last good one.
import { closeSync, existsSync, fsyncSync, openSync, statSync } from 'node:fs';
import { copyFile, rename } from 'node:fs/promises';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { VtnError } from '../errors.js';
import { fsyncDirectory } from './fsync-directory.js';

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotDocument {
  format: typeof SNAPSHOT_FORMAT;
  savedAt: string;
  collections: Record<string, Record<string, unknown>>;
}

const emptyDocument = (): SnapshotDocument => ({ format: SNAPSHOT_FORMAT, savedAt: '', collections: {} });

export class SnapshotFile {
  readonly path: string;
  readonly backupPath: string;
  readonly #fsync: boolean;
  readonly #db: Low<SnapshotDocument>;
  /** Size and mtime of the file as this process last read or wrote it; undefined when there was no file. */
  #known: string | undefined;

  constructor(path: string, options: { fsync: boolean }) {
    this.path = path;
    this.backupPath = `${path}.bak`;
    this.#fsync = options.fsync;
    // Built directly (not the preset, which silently uses memory under NODE_ENV=test); defaults are replaced on write.
    this.#db = new Low(new JSONFile<SnapshotDocument>(path), emptyDocument());
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
    const doc = this.#check(this.#db.data);
    this.#known = fileStamp(this.path);
    return doc;
  }

  /** Copies the current (good) snapshot to the backup, then atomically replaces it with `doc`. */
  async save(doc: SnapshotDocument): Promise<void> {
    const current = fileStamp(this.path);
    if (current !== this.#known) {
      // Someone else wrote or removed it: neither back it up as "good" nor overwrite it.
      throw new VtnError(
        'E_STATE_CORRUPT',
        `The state file ${this.path} was changed outside this VTN since it was last read or written; not overwriting it`,
        'stop the VTN, check the file and start again (the journal keeps every change until then)',
      );
    }
    if (current !== undefined) {
      const temporary = `${this.backupPath}.tmp`;
      await copyFile(this.path, temporary);
      await rename(temporary, this.backupPath);
    }
    this.#db.data = doc;
    await this.#db.write();
    this.#known = fileStamp(this.path);
    if (this.#fsync) {
      const fd = openSync(this.path, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      fsyncDirectory(this.path);
    }
  }

  #check(data: unknown): SnapshotDocument {
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw this.#corrupt('the document is not a JSON object');
    }
    const doc = data as Partial<SnapshotDocument>;
    if (doc.format !== SNAPSHOT_FORMAT) {
      throw this.#corrupt(`unsupported format ${JSON.stringify(doc.format)} (this VTN reads format ${SNAPSHOT_FORMAT})`);
    }
    const collections: unknown = doc.collections;
    if (typeof collections !== 'object' || collections === null || Array.isArray(collections)) {
      throw this.#corrupt('"collections" is not an object');
    }
    for (const [name, records] of Object.entries(collections)) {
      if (typeof records !== 'object' || records === null || Array.isArray(records)) {
        throw this.#corrupt(`collection "${name}" is not an object of records`);
      }
    }
    return doc as SnapshotDocument;
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
