import { describe, expect, it } from 'vitest';
import { VtnError } from '../../../src/errors.js';
import { formatDuration, parseDuration } from '../../../src/oadr/duration.js';

const S = 1000, M = 60 * S, H = 60 * M, D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['PT0S', 0],
    ['PT15M', 15 * M],
    ['PT1H30M', H + 30 * M],
    ['P1D', D],
    ['P1DT2H', D + 2 * H],
    ['P1W', 7 * D],
    ['P2W3D', 17 * D],
    ['PT0.5S', 500],
    ['PT1,25S', 1250],
    ['PT1.5H', 90 * M],
    ['-PT5M', -5 * M],
    ['+PT5M', 5 * M],
    ['P0D', 0],
    [' PT10S ', 10 * S],
  ])('%s -> %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('refuses years and months, saying why and suggesting days', () => {
    for (const text of ['P1Y', 'P2M', 'P1Y2M3D', '-P1M']) {
      let error: unknown;
      try {
        parseDuration(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(VtnError);
      expect((error as VtnError).code).toBe('E_DURATION');
      expect((error as VtnError).message).toMatch(/calendar/);
      expect((error as VtnError).message).toMatch(/days/);
    }
  });

  it.each(['', 'P', 'PT', '15M', 'PT-5M', 'P1H', 'PT1D', 'garbage', 'PT1M1H', 'P1.5.5D'])('refuses %j with E_DURATION', (text) => {
    expect(() => parseDuration(text)).toThrowError(expect.objectContaining({ code: 'E_DURATION' }) as Error);
  });

  it('minutes after T are minutes, M before T are months', () => {
    expect(parseDuration('PT1M')).toBe(M);
    expect(() => parseDuration('P1M')).toThrow(/calendar/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'PT0S'],
    [-0, 'PT0S'],
    [400, 'PT0S'],
    [500, 'PT1S'],
    [10 * S, 'PT10S'],
    [15 * M, 'PT15M'],
    [H + 30 * M, 'PT1H30M'],
    [D + 2 * H, 'P1DT2H'],
    [D, 'P1D'],
    [7 * D, 'P7D'],
    [D + H + M + S, 'P1DT1H1M1S'],
    [-5 * M, '-PT5M'],
    [-(D + 2 * H), '-P1DT2H'],
    [1499, 'PT1S'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('never emits a bare P and always whole seconds', () => {
    for (const ms of [0, 1, 999, 1001, 61_500, 3_600_499]) {
      const text = formatDuration(ms);
      expect(text).not.toBe('P');
      expect(text).not.toMatch(/[.,]/);
    }
  });

  it('round-trips through parseDuration for whole seconds', () => {
    for (const ms of [0, S, 59 * S, 61 * M, 25 * H + 7 * S, -3 * D]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });

  it('refuses non-finite input', () => {
    expect(() => formatDuration(Number.NaN)).toThrowError(expect.objectContaining({ code: 'E_DURATION' }) as Error);
    expect(() => formatDuration(Infinity)).toThrowError(expect.objectContaining({ code: 'E_DURATION' }) as Error);
  });
});
