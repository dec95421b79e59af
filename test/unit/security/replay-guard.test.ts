// ReplayProtect rules: the window in both directions, one use per (timestamp, nonce), bounded memory.
import { describe, expect, it } from 'vitest';
import { ReplayGuard } from '../../../src/security/replay-guard.js';

const T0 = new Date('2026-06-01T12:00:00Z').getTime();

function guard(maxEntries = 100) {
  let now = T0;
  const g = new ReplayGuard({ windowMs: 60_000, maxEntries, now: () => new Date(now) });
  return { g, advance: (ms: number) => { now += ms; } };
}

const failureOf = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { failure?: string }).failure;
  }
};

describe('ReplayGuard', () => {
  it('accepts timestamps up to the window either way and refuses beyond it', () => {
    const { g } = guard();
    expect(failureOf(() => g.accept(new Date(T0 - 60_000), 'a'))).toBeUndefined();
    expect(failureOf(() => g.accept(new Date(T0 + 60_000), 'b'))).toBeUndefined();
    expect(failureOf(() => g.accept(new Date(T0 - 60_001), 'c'))).toBe('timestamp');
    expect(failureOf(() => g.accept(new Date(T0 + 60_001), 'd'))).toBe('timestamp');
  });

  it('refuses a (timestamp, nonce) pair the second time, but not the same nonce at another time', () => {
    const { g } = guard();
    g.accept(new Date(T0), 'n1');
    expect(failureOf(() => g.accept(new Date(T0), 'n1'))).toBe('replay');
    expect(failureOf(() => g.accept(new Date(T0 + 1), 'n1'))).toBeUndefined();
  });

  it('does not record refused timestamps', () => {
    const { g } = guard();
    expect(failureOf(() => g.accept(new Date(T0 + 120_000), 'later'))).toBe('timestamp');
    expect(g.size).toBe(0);
  });

  it('forgets pairs whose timestamp has left the window, and never holds more than maxEntries', () => {
    const { g, advance } = guard(10);
    for (let i = 0; i < 25; i += 1) g.accept(new Date(T0), `n${i}`);
    expect(g.size).toBe(10);
    advance(61_000);
    g.accept(new Date(T0 + 61_000), 'fresh');
    expect(g.size).toBe(1);
  });
});
