import { describe, expect, it } from 'vitest';
import { formatDateTime, parseDateTime } from '../../../src/oadr/datetime.js';

describe('parseDateTime', () => {
  it.each([
    ['2026-01-01T12:00:00Z', '2026-01-01T12:00:00.000Z'],
    ['2026-01-01T12:00:00z', '2026-01-01T12:00:00.000Z'],
    ['2026-01-01T16:00:00+04:00', '2026-01-01T12:00:00.000Z'],
    ['2026-01-01T07:30:00-04:30', '2026-01-01T12:00:00.000Z'],
    ['2026-01-01T16:00:00+0400', '2026-01-01T12:00:00.000Z'],
    ['2026-01-01T12:00:00.250Z', '2026-01-01T12:00:00.250Z'],
    ['2026-01-01T12:00:00.1234567Z', '2026-01-01T12:00:00.123Z'],
    ['2026-01-01T12:00:00', '2026-01-01T12:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0050-06-01T00:00:00Z', '0050-06-01T00:00:00.000Z'],
  ])('%s -> %s', (text, iso) => {
    expect(parseDateTime(text).toISOString()).toBe(iso);
  });

  it.each([
    '',
    'garbage',
    '2026-01-01',
    '2026-01-01 12:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-01-01T25:00:00Z',
    '2026-01-01T12:60:00Z',
    '2026-01-01T12:00:61Z',
    '2026-01-01T12:00:00+25:00',
    '2026-01-01T12:00:00Zjunk',
  ])('refuses %j with E_DATETIME', (text) => {
    expect(() => parseDateTime(text)).toThrowError(expect.objectContaining({ code: 'E_DATETIME' }) as Error);
  });
});

describe('formatDateTime', () => {
  it('emits UTC with Z and no milliseconds when they are zero', () => {
    expect(formatDateTime(new Date('2026-01-01T12:00:00Z'))).toBe('2026-01-01T12:00:00Z');
    expect(formatDateTime(new Date('2026-01-01T16:00:00+04:00'))).toBe('2026-01-01T12:00:00Z');
  });

  it('adds .sss only when milliseconds are non-zero', () => {
    expect(formatDateTime(new Date('2026-01-01T12:00:00.250Z'))).toBe('2026-01-01T12:00:00.250Z');
    expect(formatDateTime(new Date('2026-01-01T12:00:00.007Z'))).toBe('2026-01-01T12:00:00.007Z');
  });

  it('round-trips through parseDateTime', () => {
    for (const iso of ['2026-07-04T01:02:03Z', '2026-07-04T01:02:03.999Z']) expect(formatDateTime(parseDateTime(iso))).toBe(iso);
  });

  it('refuses an invalid Date', () => {
    expect(() => formatDateTime(new Date('nope'))).toThrowError(expect.objectContaining({ code: 'E_DATETIME' }) as Error);
  });
});
