// `npm start` builds only when the sources changed (issue #13: it ran tsc on every start): src/build/build-if-changed.mjs
// --if-changed on a small project of the same layout, with the repository's TypeScript.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const REPO = join(import.meta.dirname, '..', '..', '..');
const SCRIPT = join(REPO, 'src', 'build', 'build-if-changed.mjs');
let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function tinyProject(): string {
  root = mkdtempSync(join(tmpdir(), 'vtn-build-'));
  mkdirSync(join(root, 'src', 'sub'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', outDir: 'dist', rootDir: 'src', types: [], strict: true },
    include: ['src'],
  }));
  writeFileSync(join(root, 'src', 'main.ts'), "import { word } from './sub/word.js';\nconsole.log(word);\n");
  writeFileSync(join(root, 'src', 'sub', 'word.ts'), "export const word: string = 'one';\n");
  return root;
}

/** Runs the build the way `npm start` does; `built` says whether tsc ran. */
function build(...flags: string[]): { status: number | null; built: boolean; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...flags, '--root', root], { encoding: 'utf8' });
  return { status: r.status, built: /building dist\//.test(r.stderr), stderr: r.stderr };
}

const output = () => readFileSync(join(root, 'dist', 'sub', 'word.js'), 'utf8');

describe('src/build/build-if-changed.mjs --if-changed (npm start, prepare, bench)', () => {
  it('builds a fresh tree, then skips tsc until a source changes', () => {
    tinyProject();
    expect(build('--if-changed')).toMatchObject({ status: 0, built: true });
    expect(output()).toContain("'one'");
    const builtAt = statSync(join(root, 'dist', 'main.js')).mtimeMs;

    const again = build('--if-changed');
    expect(again).toMatchObject({ status: 0, built: false, stderr: '' });
    expect(statSync(join(root, 'dist', 'main.js')).mtimeMs).toBe(builtAt);

    // A touch (or a checkout) that changes no content is not a change.
    utimesSync(join(root, 'src', 'main.ts'), new Date(), new Date());
    expect(build('--if-changed').built).toBe(false);

    writeFileSync(join(root, 'src', 'sub', 'word.ts'), "export const word: string = 'two';\n");
    expect(build('--if-changed')).toMatchObject({ status: 0, built: true });
    expect(output()).toContain("'two'");
  }, 120_000);

  it('rebuilds when an output is gone or tsconfig.json changed, and a failed build is tried again next time', () => {
    tinyProject();
    expect(build('--if-changed').built).toBe(true);
    rmSync(join(root, 'dist', 'sub', 'word.js'));
    expect(build('--if-changed')).toMatchObject({ status: 0, built: true });
    expect(existsSync(join(root, 'dist', 'sub', 'word.js'))).toBe(true);

    writeFileSync(join(root, 'tsconfig.json'), readFileSync(join(root, 'tsconfig.json'), 'utf8').replace('"strict":true', '"strict":false'));
    expect(build('--if-changed').built).toBe(true);

    writeFileSync(join(root, 'src', 'sub', 'word.ts'), "export const word: number = 'three';\n");
    const failed = build('--if-changed');
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/tsc failed: dist\/ was not updated/);
    expect(build('--if-changed').built).toBe(true);
  }, 120_000);

  it('npm start, prepare and bench all build through it, only when needed', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'prepare', 'bench']) expect(scripts[name]).toMatch(/^node src\/build\/build-if-changed\.mjs --if-changed( &&|$)/);
    expect(scripts.start).toBe('node src/build/build-if-changed.mjs --if-changed && node dist/cli.js start');
  });
});
