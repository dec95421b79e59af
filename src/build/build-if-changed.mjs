#!/usr/bin/env node
// Builds dist/ with tsc. With --if-changed (npm start, prepare, bench) it builds only when the TypeScript sources,
// tsconfig.json or the compiler changed since the last build: a content hash, not mtimes, so a checkout or a
// copy cannot fool it, and a missing output file forces a build too. Plain JavaScript: it runs before any build.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// --root <dir> builds another project of the same layout (the tests use a small one).
const rootArg = process.argv.indexOf('--root');
const ROOT = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
// Inside dist/: deleting dist/ must never leave tsc believing its outputs are there.
const BUILD_INFO = join(DIST, '.tsbuildinfo');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : e.name.endsWith('.ts') ? [path] : [];
  });
}

function fingerprint(sources) {
  const hash = createHash('sha256');
  const compiler = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  hash.update(`typescript ${compiler}\0`);
  for (const path of [join(ROOT, 'tsconfig.json'), ...sources]) hash.update(`${relative(ROOT, path)}\0${readFileSync(path)}\0`);
  return hash.digest('hex');
}

/** dist/x.js for every src/x.ts (declarations have no output). */
const missingOutputs = (sources) => sources.filter((s) => !s.endsWith('.d.ts'))
  .filter((s) => !existsSync(join(DIST, relative(join(ROOT, 'src'), s)).replace(/\.ts$/, '.js')));

const sources = sourceFiles(join(ROOT, 'src')).sort();
const wanted = fingerprint(sources);
const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
const missing = missingOutputs(sources);
if (process.argv.includes('--if-changed') && stamp === wanted && missing.length === 0) process.exit(0);

const why = !existsSync(DIST) ? 'no dist/ yet' : missing.length ? `${missing.length} output file(s) missing` : stamp ? 'sources changed since the last build' : 'no record of the last build';
console.error(`building dist/ with tsc (${why}) …`);
// tsc's incremental record does not notice deleted outputs: without them it starts from scratch.
if (missing.length) rmSync(BUILD_INFO, { force: true });
rmSync(STAMP, { force: true });
const started = Date.now();
const tsc = spawnSync(process.execPath, [TSC, '-p', join(ROOT, 'tsconfig.json'), '--incremental', '--tsBuildInfoFile', BUILD_INFO], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('tsc failed: dist/ was not updated (fix the errors above, or run npm run typecheck)');
  process.exit(tsc.status ?? 1);
}
// The fingerprint taken before the build: a file saved during it makes the next start build again.
writeFileSync(STAMP, `${wanted}\n`);
console.error(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
