// `vtn init`: the scaffolded folder passes the config loader (and `vtn check`), maps schemas, refuses to overwrite.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { scaffoldInstallation } from '../../../src/commands/init.js';
import { loadConfig, PACKAGE_ROOT } from '../../../src/config/load-config.js';
import { VtnError } from '../../../src/errors.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const temps: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vtn-init-'));
  temps.push(dir);
  return dir;
}

function shippedFiles(sub: string): string[] {
  const dir = join(PACKAGE_ROOT, sub);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => posix.join(sub, join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/')));
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
}

describe('vtn init', () => {
  it('scaffolds config, the shipped catalogues/rules/schedules, schemas, editor settings and a README; the config loads', async () => {
    const dir = join(tempDir(), 'demo');
    const result = scaffoldInstallation({ dir });
    expect(result.dir).toBe(dir);
    expect(result.overwritten).toEqual([]);
    for (const rel of [...shippedFiles('config'), ...shippedFiles('rules'), 'config/vtn.json', 'schemas/vtn-config.schema.json', '.vscode/settings.json', 'README.md']) {
      expect(result.written).toContain(rel);
      expect(existsSync(join(dir, rel))).toBe(true);
    }
    expect(result.written.some((rel) => rel.startsWith('schemas/oadr/'))).toBe(false);
    expect(loadConfig(join(dir, 'config', 'vtn.json')).vtnId).toBeDefined();

    // Every $schema points at a schema copied into the new folder, never back into the package.
    const jsonFiles = result.written.filter((rel) => rel.endsWith('.json') && !rel.startsWith('schemas/') && !rel.startsWith('.vscode/'));
    for (const rel of jsonFiles) {
      const ref = (JSON.parse(readFileSync(join(dir, rel), 'utf8')) as { $schema?: string }).$schema;
      expect(ref, `${rel} has a $schema`).toBeDefined();
      const target = resolve(dir, dirname(rel), ref!);
      expect(target.startsWith(join(dir, 'schemas'))).toBe(true);
      expect(existsSync(target), `${rel} → ${ref}`).toBe(true);
    }
    // Editor settings map globs to the local schema copies.
    const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as { 'json.schemas': { fileMatch: string[]; url: string }[] };
    const entries = settings['json.schemas'];
    for (const e of entries) expect(existsSync(join(dir, e.url))).toBe(true);
    expect(entries.find((e) => e.url === './schemas/vtn-config.schema.json')?.fileMatch).toContain('/config/vtn*.json');
    expect(entries.find((e) => e.url === './schemas/rules.schema.json')?.fileMatch).toContain('/rules/*.json');

    // `vtn check` (when the rules engineer's checker is present) finds no errors in what init wrote.
    const checker = join(REPO, 'src', 'rules', 'cli', 'check-project.ts');
    if (existsSync(checker)) {
      const { checkProject } = (await import(pathToFileURL(checker).href)) as { checkProject: (d: string) => { problems: { severity?: string }[] } };
      const errors = checkProject(dir).problems.filter((p) => p.severity === 'error');
      expect(errors).toEqual([]);
    }
  });

  it('refuses to overwrite existing files (writing nothing) unless force, and says which it replaced', () => {
    const dir = tempDir();
    writeTree(dir, { 'config/vtn.json': '{ "vtnId": "MINE" }\n', 'notes.txt': 'keep' });
    let error: unknown;
    try {
      scaffoldInstallation({ dir });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_INIT');
    expect((error as VtnError).message).toContain('config/vtn.json');
    expect((error as VtnError).message).toContain('--force');
    expect(readFileSync(join(dir, 'config', 'vtn.json'), 'utf8')).toContain('MINE');
    expect(existsSync(join(dir, 'README.md'))).toBe(false);

    const forced = scaffoldInstallation({ dir, force: true });
    expect(forced.overwritten).toEqual(['config/vtn.json']);
    expect(readFileSync(join(dir, 'config', 'vtn.json'), 'utf8')).not.toContain('MINE');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('keep');
    expect(() => scaffoldInstallation({ dir })).toThrow(/already has .*README\.md/);
  });

  it('copies whatever the package ships at run time and re-points $schema, keeping comments and layout', () => {
    const pkg = tempDir();
    writeTree(pkg, {
      'schemas/vtn-config.schema.json': '{ "type": "object" }',
      'schemas/rules.schema.json': '{ "type": "object" }',
      'schemas/rule-tests.schema.json': '{ "type": "object" }',
      'schemas/schedule.schema.json': '{}',
      'schemas/oadr/oadrPoll.schema.json': '{}',
      'rules/peak.json': '// peak shaving\n{\n  "trigger": "telemetry",\n  "rules": []\n}\n',
      'rules/tests/peak.test.json': '{\n  "$schema": "../../schemas/rule-tests.schema.json",\n  "tests": []\n}\n',
      'config/calendars/holidays.json': '{ "$schema": "https://example.org/schemas/schedule.schema.json", "dates": [] }',
      'config/notes.md': '# not JSON\n',
      'config/array.json': '[1, 2]\n',
    });
    const dir = tempDir();
    const result = scaffoldInstallation({ dir, packageRoot: pkg });
    expect(result.written).not.toContain('schemas/oadr/oadrPoll.schema.json');
    expect(readFileSync(join(dir, 'rules', 'peak.json'), 'utf8')).toBe('// peak shaving\n{\n  "$schema": "../schemas/rules.schema.json",\n  "trigger": "telemetry",\n  "rules": []\n}\n');
    expect(readFileSync(join(dir, 'rules', 'tests', 'peak.test.json'), 'utf8')).toBe('{\n  "$schema": "../../schemas/rule-tests.schema.json",\n  "tests": []\n}\n');
    expect(JSON.parse(readFileSync(join(dir, 'config', 'calendars', 'holidays.json'), 'utf8')).$schema).toBe('../../schemas/schedule.schema.json');
    expect(readFileSync(join(dir, 'config', 'notes.md'), 'utf8')).toBe('# not JSON\n');
    expect(readFileSync(join(dir, 'config', 'array.json'), 'utf8')).toBe('[1, 2]\n');
    // No shipped vtn.json: a default one is written, and it loads.
    expect(JSON.parse(readFileSync(join(dir, 'config', 'vtn.json'), 'utf8')).$schema).toBe('../schemas/vtn-config.schema.json');
    expect(loadConfig(join(dir, 'config', 'vtn.json')).port).toBe(8080);
    const settings = JSON.parse(readFileSync(join(dir, '.vscode', 'settings.json'), 'utf8')) as { 'json.schemas': { url: string }[] };
    expect(settings['json.schemas'].map((e) => e.url).sort()).toEqual(['./schemas/rule-tests.schema.json', './schemas/rules.schema.json', './schemas/schedule.schema.json', './schemas/vtn-config.schema.json']);
  });

  it('`vtn start` runs from inside the scaffolded folder: ./config/vtn.json is read and the state lives in ./data', async () => {
    const loader = join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs');
    if (!existsSync(loader)) return;
    const dir = tempDir();
    scaffoldInstallation({ dir });
    const config = JSON.parse(readFileSync(join(dir, 'config', 'vtn.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'config', 'vtn.json'), JSON.stringify({ ...config, port: 0, vtnId: 'INIT-TEST', logLevel: 'warn' }));
    const child = spawn(process.execPath, ['--import', pathToFileURL(loader).href, join(REPO, 'src', 'cli.ts'), 'start'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`vtn start did not listen: ${output}`)), 20_000);
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        const m = /^openadr-vtn \S+ listening at (\S+)/m.exec(output);
        if (m) { clearTimeout(timer); resolveUrl(m[1]!); }
      });
      child.once('exit', (code) => reject(new Error(`vtn start exited with ${code}: ${output}`)));
    });
    expect(output).toContain('INIT-TEST');
    const reply = await fetch(`${url}/EiRegisterParty`, {
      method: 'POST', headers: { 'content-type': 'application/xml' },
      body: '<oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" xmlns:pyld="http://docs.oasis-open.org/ns/energyinterop/201110/payloads" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><oadr:oadrSignedObject><oadr:oadrQueryRegistration ei:schemaVersion="2.0b"><pyld:requestID>q1</pyld:requestID></oadr:oadrQueryRegistration></oadr:oadrSignedObject></oadr:oadrPayload>',
    });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('INIT-TEST');
    expect(existsSync(join(dir, 'data'))).toBe(true);
  }, 30_000);
});
