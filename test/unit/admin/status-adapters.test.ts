import { describe, expect, it } from 'vitest';
import { problemLine, rulesStatusSource, templateSource, type RulesHandleLike } from '../../../src/admin/status-adapters.js';

type RulesStatus = ReturnType<RulesHandleLike['status']>;

describe('rulesStatusSource', () => {
  it('maps the rules handle status: the counts and times as the runtime tallied them, the errors as lines and parts', async () => {
    const loadedAt = '2026-06-01T10:00:00.000Z';
    let current: RulesStatus = { ok: true, version: 'h1', loadedAt, files: ['rules/a.json'], errors: [], reloads: { succeeded: 1, failed: 0, lastSuccessAt: loadedAt } };
    const problem = { file: 'rules/a.json', line: 3, column: 7, code: 'P_UNKNOWN_FACT', message: 'unknown fact "venNam"', severity: 'error', suggestion: 'did you mean venName?' };
    const handle: RulesHandleLike = { status: () => current, reload: () => current };
    const source = rulesStatusSource(handle);
    expect(source.status()).toEqual({
      version: 'h1', loadedAt, files: ['rules/a.json'], lastReload: { at: loadedAt, ok: true, errors: [], problems: [] },
      reloads: { succeeded: 1, failed: 0 }, lastSuccessAt: loadedAt,
    });
    // Three rejected attempts the adapter never saw one by one: it reports three.
    current = {
      ...current, ok: false, errors: [problem, { ...problem, severity: 'warning', message: 'unused' }], lastAttemptAt: '2026-06-01T10:05:00.000Z',
      reloads: { succeeded: 1, failed: 3, lastSuccessAt: loadedAt, lastFailureAt: '2026-06-01T10:05:00.000Z' },
    };
    const failed = await source.reload();
    expect(failed.lastReload).toEqual({
      at: '2026-06-01T10:05:00.000Z', ok: false, errors: ['rules/a.json:3:7 P_UNKNOWN_FACT unknown fact "venNam" (did you mean venName?)'],
      problems: [{ file: 'rules/a.json', line: 3, column: 7, code: 'P_UNKNOWN_FACT', message: 'unknown fact "venNam"', suggestion: 'did you mean venName?' }],
    });
    expect(failed).toMatchObject({ reloads: { succeeded: 1, failed: 3 }, lastFailureAt: '2026-06-01T10:05:00.000Z' });
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
