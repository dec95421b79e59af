// The dashboard's files, read once at start-up: only names found in the folder are ever served (no path traversal).
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** Every file of `dir` with a known type, by file name; sub-folders and other files are ignored. */
export function loadStaticAssets(dir: string): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const contentType = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || contentType === undefined) continue;
    assets.set(entry.name, { body: readFileSync(join(dir, entry.name)), contentType });
  }
  if (!assets.has('index.html')) throw new Error(`dashboard assets in ${dir} have no index.html`);
  return assets;
}
