// Makes a rename or file creation in a directory survive power loss (only used with `fsync: true`).
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export function fsyncDirectory(fileInDirectory: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dirname(fileInDirectory), 'r');
    fsyncSync(fd);
  } catch (e) {
    // Some platforms cannot fsync a directory; the data files themselves were fsynced.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') throw e;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
