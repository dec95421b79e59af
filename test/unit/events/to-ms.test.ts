import { describe, expect, it } from 'vitest';
import { toMs } from '../../../src/vtn/events/index.js';
import { expectVtnError } from './event-fixtures.js';

describe('§1 durations are ISO 8601: accept weeks, fractional seconds and signs', () => {
  it.each([
    ['PT0S', 0], ['PT30M', 1_800_000], ['PT1H', 3_600_000], ['P1D', 86_400_000], ['P1W', 604_800_000],
    ['P1DT2H3M4S', 93_784_000], ['PT1.5S', 1_500], ['PT0,25S', 250], ['-PT5M', -300_000], ['+PT1M', 60_000], ['-PT0S', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(toMs(text)).toBe(ms);
  });

  it('passes numbers through as milliseconds', () => {
    expect(toMs(90_000)).toBe(90_000);
  });

  it.each(['P', 'PT', '1H', 'PT1H30', 'PTXS', ''])('refuses %j with E_DURATION', (text) => {
    expectVtnError(() => toMs(text), 'E_DURATION', /not an ISO 8601 duration/);
  });

  it.each(['P1Y', 'P2M'])('refuses calendar units in %j with E_DURATION', (text) => {
    expectVtnError(() => toMs(text), 'E_DURATION', /years or months/);
  });

  it('refuses a non-finite number', () => {
    expectVtnError(() => toMs(Number.NaN), 'E_DURATION', /not a finite number/);
  });
});
