import { describe, expect, it } from 'vitest';
import { problemLine, rulesStatusSource, templateSource, type RulesHandleLike } from '../../../src/admin/status-adapters.js';

type RulesStatus = ReturnType<RulesHandleLike['status']>;

describe('rulesStatusSource', () => {
  it('maps the rules handle status, counts the install as a load and each distinct failed attempt once', async () => {
    let current: RulesStatus = { ok: true, version: 'h1', loadedAt: '2026-06-01T10:00:00.000Z', files: ['rules/a.json'], errors: [], reloads: 0 };
    const problem = { file: 'rules/a.json', line: 3, column: 7, code: 'P_UNKNOWN_FACT', message: 'unknown fact "venNam"', severity: 'error', suggestion: 'did you mean venName?' };
    const handle: RulesHandleLike = { status: () => current, reload: () => current };
    const source = rulesStatusSource(handle);
    expect(source.status()).toEqual({ version: 'h1', loadedAt: '2026-06-01T10:00:00.000Z', files: ['rules/a.json'], lastReload: { at: '2026-06-01T10:00:00.000Z', ok: true, errors: [] }, reloads: { succeeded: 1, failed: 0 } });
    current = { ...current, ok: false, errors: [problem, { ...problem, severity: 'warning', message: 'unused' }], lastAttemptAt: '2026-06-01T10:05:00.000Z' };
    const failed = await source.reload();
    expect(failed.lastReload).toEqual({ at: '2026-06-01T10:05:00.000Z', ok: false, errors: ['rules/a.json:3:7 P_UNKNOWN_FACT unknown fact "venNam" (did you mean venName?)'] });
    expect(source.status().reloads).toEqual({ succeeded: 1, failed: 1 });
    current = { ...current, ok: true, errors: [], reloads: 1, version: 'h2', lastAttemptAt: '2026-06-01T10:06:00.000Z' };
    expect(source.status()).toMatchObject({ version: 'h2', reloads: { succeeded: 2, failed: 1 } });
  });

  it('formats problems as file:line:column CODE message', () => {
    expect(problemLine({ file: 'f.json', line: 1, column: 2, code: 'P_JSON', message: 'bad' })).toBe('f.json:1:2 P_JSON bad');
  });
});

describe('templateSource', () => {
  it('lists names sorted and fills known templates; unknown names give undefined', () => {
    const source = templateSource(() => new Map([['b', 2], ['a', 1]]), (t, fill) => ({ venIds: fill.venIds, priority: t }));
    expect(source.names()).toEqual(['a', 'b']);
    expect(source.toEventOptions('b', { start: new Date(), venIds: ['v'] })).toEqual({ venIds: ['v'], priority: 2 });
    expect(source.toEventOptions('c', { start: new Date(), venIds: ['v'] })).toBeUndefined();
  });
});
