import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envOverrides, loadConfig, PACKAGE_ROOT, parsePort, withOverrides } from '../../../src/config/load-config.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'vtn-config-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('configuration', () => {
  it('the shipped config/vtn.json is valid and starts on 127.0.0.1:8080 with VTN-1', () => {
    const config = loadConfig(join(PACKAGE_ROOT, 'config', 'vtn.json'));
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, vtnId: 'VTN-1' });
  });

  it('an unknown or mistyped field is refused with E_CONFIG naming it', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify({ port: 'eighty', hots: 'x' }));
    expect(() => loadConfig(path)).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
    expect(() => loadConfig(path)).toThrow(/\/port must be integer/);
    expect(() => loadConfig(path)).toThrow(/"hots"/);
  });

  it('broken JSON and a missing file are reported plainly', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{ "port": 8080, }');
    expect(() => loadConfig(path)).toThrow(/not valid JSON/);
    expect(() => loadConfig(join(dir, 'absent.json'))).toThrow(/Cannot read the configuration file/);
  });

  it('VTN_HOST, VTN_PORT and VTN_DATA_DIR override the file; a bad port is refused', () => {
    expect(envOverrides({ VTN_HOST: '0.0.0.0', VTN_PORT: '9090', VTN_DATA_DIR: '/tmp/x' })).toEqual({ host: '0.0.0.0', port: 9090, dataDir: '/tmp/x' });
    expect(envOverrides({})).toEqual({});
    expect(() => parsePort('70000', 'VTN_PORT')).toThrow(/VTN_PORT must be a port number/);
  });

  it('VTN_DATABASE_URL selects the postgres store, keeping the file\'s other store settings', () => {
    const env = envOverrides({ VTN_DATABASE_URL: 'postgres://vtn:pw@127.0.0.1:5432/vtn' });
    expect(env).toEqual({ store: { kind: 'postgres', url: 'postgres://vtn:pw@127.0.0.1:5432/vtn' } });
    expect(withOverrides({ store: { kind: 'file', poolSize: 4 }, port: 1 }, env)).toEqual({ port: 1, store: { kind: 'postgres', url: 'postgres://vtn:pw@127.0.0.1:5432/vtn', poolSize: 4 } });
    expect(withOverrides({ store: { kind: 'memory' } }, {})).toEqual({ store: { kind: 'memory' } });
  });

  it('a store section is validated: a known kind, and a postgres URL for kind postgres', async () => {
    const path = join(dir, 'store.json');
    await writeFile(path, JSON.stringify({ store: { kind: 'postgres', url: 'postgres://u:p@127.0.0.1/vtn', poolSize: 5 } }));
    expect(loadConfig(path).store).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1/vtn', poolSize: 5 });
    await writeFile(path, JSON.stringify({ store: { kind: 'postgres' } }));
    expect(() => loadConfig(path)).toThrow(/\/store must have required property 'url'/);
    const cache = { venRowsCacheMs: 0, venRowsCacheEntries: 500 };
    await writeFile(path, JSON.stringify({ store: { kind: 'postgres', url: 'postgres://u:p@127.0.0.1/vtn', ...cache } }));
    expect(loadConfig(path).store).toEqual({ kind: 'postgres', url: 'postgres://u:p@127.0.0.1/vtn', ...cache });
    await writeFile(path, JSON.stringify({ store: { kind: 'postgres', url: 'postgres://u:p@127.0.0.1/vtn', venRowsCacheMs: -1 } }));
    expect(() => loadConfig(path)).toThrow(/\/store\/venRowsCacheMs must be >= 0/);
    await writeFile(path, JSON.stringify({ store: { kind: 'postgres', url: 'postgres://u:p@127.0.0.1/vtn', venRowsCacheEntries: 0 } }));
    expect(() => loadConfig(path)).toThrow(/\/store\/venRowsCacheEntries must be >= 1/);
    await writeFile(path, JSON.stringify({ store: { kind: 'mysql' } }));
    expect(() => loadConfig(path)).toThrow(/\/store\/kind must be equal to one of the allowed values/);
  });
});
