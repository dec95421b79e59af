import { describe, expect, it } from 'vitest';
import { formatSummary, resolveSimulationOptions, serviceBaseOf, venNames } from '../../../src/simulator/index.js';
import { VtnError } from '../../../src/errors.js';

function errorOf(fn: () => unknown): VtnError {
  try {
    fn();
  } catch (err) {
    if (err instanceof VtnError) return err;
    throw err;
  }
  throw new Error('expected a VtnError');
}

describe('simulation options', () => {
  it('the service base is the URL plus the prefix, appended once', () => {
    expect(serviceBaseOf('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080/OpenADR2/Simple/2.0b');
    expect(serviceBaseOf('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080/OpenADR2/Simple/2.0b');
    expect(serviceBaseOf('https://vtn.example:8443/OpenADR2/Simple/2.0b/')).toBe('https://vtn.example:8443/OpenADR2/Simple/2.0b');
    expect(serviceBaseOf('http://h:1/behind/proxy', '/oadr/')).toBe('http://h:1/behind/proxy/oadr');
    expect(serviceBaseOf('http://h:1/oadr', 'oadr')).toBe('http://h:1/oadr');
  });

  it('refuses bad input with E_SIMULATE and a precise message', () => {
    const base = { url: 'http://127.0.0.1:8080', vens: 3 };
    expect(errorOf(() => resolveSimulationOptions({ ...base, url: 'localhost:8080' })).message).toMatch(/must start with http/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, url: 'not a url' })).message).toMatch(/is not a URL/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, url: 'http://h/?x=1' })).message).toMatch(/query or fragment/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, vens: 0 })).message).toMatch(/--vens must be a whole number from 1/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, vens: 2.5 })).code).toBe('E_SIMULATE');
    expect(errorOf(() => resolveSimulationOptions({ ...base, seconds: -1 })).message).toMatch(/--seconds must be a positive number/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, reportEvery: 'ten seconds' })).message).toMatch(/--report-every "ten seconds" is not an ISO 8601 duration/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, reportEvery: 'PT0.5S' })).message).toMatch(/at least one second/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, namePrefix: 'sim /' })).message).toMatch(/--name-prefix/);
    expect(errorOf(() => resolveSimulationOptions({ ...base, opt: 'maybe' })).code).toBe('E_SIMULATE');
  });

  it('defaults: always-in, PT10S, sim-, 10 s summaries, no time limit', () => {
    const r = resolveSimulationOptions({ url: 'http://127.0.0.1:8080', vens: 3 });
    expect(r).toMatchObject({ vens: 3, durationMs: undefined, reportEveryMs: 10_000, namePrefix: 'sim-', summaryEveryMs: 10_000 });
    expect(r.policy.text).toBe('always-in');
    expect(resolveSimulationOptions({ url: 'http://h', vens: 1, seconds: 2.5 }).durationMs).toBe(2500);
  });

  it('VEN names are numbered so they sort', () => {
    expect(venNames('sim-', 3)).toEqual(['sim-01', 'sim-02', 'sim-03']);
    expect(venNames('x', 120).slice(-2)).toEqual(['x119', 'x120']);
    expect(venNames('x', 120)[0]).toBe('x001');
  });

  it('the summary line names every counter and the last error', () => {
    const line = formatSummary({ registered: 19, vens: 20, polls: 80, eventsSeen: 2, optIns: 1, optOuts: 1, valuesSent: 960, errors: 1, lastError: 'sim-07: no answer in time', elapsedMs: 40_200 });
    expect(line).toBe('[40s] registered 19/20 · polls 80 · events 2 (opt-in 1, opt-out 1) · values 960 · errors 1 (last: sim-07: no answer in time)');
  });
});
