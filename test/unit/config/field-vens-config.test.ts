// The fieldVens block: the config schema loads it and createVtn's options take it; bad values are E_CONFIG.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { fieldTimerSettings, FIELD_DEFAULTS } from '../../../src/vtn/field-timers.js';

it('fieldVens loads from vtn.json and becomes the timers; a mistyped key is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'vtn-field-config-'));
  try {
    await writeFile(join(dir, 'ok.json'), JSON.stringify({ fieldVens: { reportFallbackAfter: 'PT45S', reportFallbackAttempts: 5, cancelGrace: 'PT2M', sweepEvery: 'PT5S' } }));
    expect(fieldTimerSettings(loadConfig(join(dir, 'ok.json')).fieldVens, 10_000)).toEqual({ reportFallbackMs: 45_000, reportFallbackAttempts: 5, cancelGraceMs: 120_000, sweepEveryMs: 5_000 });
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ fieldVens: { cancelGraceSeconds: 30 } }));
    expect(() => loadConfig(join(dir, 'bad.json'))).toThrow(/"cancelGraceSeconds"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Unset: poll periods of each VEN (resolved per VEN), three re-sends, a sweep per VTN poll period.
  expect(fieldTimerSettings(undefined, 10_000)).toEqual({ reportFallbackAttempts: FIELD_DEFAULTS.reportFallbackAttempts, sweepEveryMs: 10_000 });
  expect(() => fieldTimerSettings({ cancelGrace: 'PT0S' }, 10_000)).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
  expect(() => fieldTimerSettings({ reportFallbackAttempts: -1 }, 10_000)).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
});
