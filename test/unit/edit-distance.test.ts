// The distance behind every "did you mean" suggestion: known values, symmetry, empty strings, case.
import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/edit-distance.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('onPoll', 'onPol')).toBe(1);
    expect(editDistance('onPol', 'onPoll')).toBe(1);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });

  it('is zero only for equal strings and the length against an empty one', () => {
    expect(editDistance('summer-peak', 'summer-peak')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', '')).toBe(0);
  });

  it('is symmetric and case-sensitive', () => {
    for (const [a, b] of [['registration', 'registartion'], ['vens', 'venz'], ['ab', 'ba']] as const) {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
    }
    expect(editDistance('ABC', 'abc')).toBe(3);
  });
});

describe('closestMatch', () => {
  it('suggests the nearest candidate, case-insensitively, only within about one edit per four characters', () => {
    expect(closestMatch('greaterThn', ['lessThan', 'greaterThan', 'equal'])).toBe('greaterThan');
    expect(closestMatch('GREATERTHAN', ['greaterThan'])).toBe('greaterThan');
    expect(closestMatch('onPol', ['onPoll', 'venLookup'])).toBe('onPoll');
    expect(closestMatch('banana', ['greaterThan', 'equal'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });
});
