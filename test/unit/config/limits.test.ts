// The limits block: schema and code agree on names and defaults; bad values are refused with E_CONFIG.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CONFIG_SCHEMA_PATH, loadConfig } from '../../../src/config/load-config.js';
import { DEFAULT_LIMITS, resolveLimits } from '../../../src/vtn/limits.js';

it('every limit in the config schema has the default the code uses, and no limit is missing', async () => {
  const schema = JSON.parse(await readFile(CONFIG_SCHEMA_PATH, 'utf8')) as { properties: { limits: { properties: Record<string, { default: number }> } } };
  const defaults = Object.fromEntries(Object.entries(schema.properties.limits.properties).map(([k, v]) => [k, v.default]));
  expect(defaults).toEqual(DEFAULT_LIMITS);
});

it('a config file with limits loads; a mistyped limit name or a zero is refused with E_CONFIG', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vtn-limits-'));
  try {
    await writeFile(join(dir, 'ok.json'), JSON.stringify({ limits: { optsPerVen: 20, seriesPerVen: 50 } }));
    expect(resolveLimits(loadConfig(join(dir, 'ok.json')).limits)).toEqual({ ...DEFAULT_LIMITS, optsPerVen: 20, seriesPerVen: 50 });
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ limits: { optPerVen: 20 } }));
    expect(() => loadConfig(join(dir, 'bad.json'))).toThrow(/"optPerVen"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  expect(() => resolveLimits({ optsPerVen: 0 })).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
  expect(() => resolveLimits({ nope: 1 } as never)).toThrow(/not a known limit/);
});
