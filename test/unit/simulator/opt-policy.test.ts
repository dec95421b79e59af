import { describe, expect, it } from 'vitest';
import { parseOptPolicy } from '../../../src/simulator/opt-policy.js';
import { seededRandom } from '../../../src/simulator/seeded-random.js';
import { VtnError } from '../../../src/errors.js';

describe('opt policy', () => {
  it('always-in and always-out answer the same every time', () => {
    const rnd = seededRandom(1);
    expect(Array.from({ length: 5 }, () => parseOptPolicy('always-in').decide(rnd))).toEqual(Array(5).fill('optIn'));
    expect(Array.from({ length: 5 }, () => parseOptPolicy(' always-out ').decide(rnd))).toEqual(Array(5).fill('optOut'));
  });

  it('random:<p> opts in with probability p', () => {
    const rnd = seededRandom(42);
    const policy = parseOptPolicy('random:0.3');
    const ins = Array.from({ length: 4000 }, () => policy.decide(rnd)).filter((o) => o === 'optIn').length;
    expect(ins / 4000).toBeGreaterThan(0.27);
    expect(ins / 4000).toBeLessThan(0.33);
    expect(Array.from({ length: 50 }, () => parseOptPolicy('random:0').decide(rnd))).not.toContain('optIn');
    expect(Array.from({ length: 50 }, () => parseOptPolicy('random:1').decide(rnd))).not.toContain('optOut');
    expect(policy.text).toBe('random:0.3');
  });

  it.each(['sometimes', 'random:', 'random:1.5', 'random:-0.1', 'random:half', 'always-in-please'])('refuses %j with E_SIMULATE and the accepted forms', (text) => {
    let error: unknown;
    try {
      parseOptPolicy(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(VtnError);
    expect((error as VtnError).code).toBe('E_SIMULATE');
    expect((error as VtnError).message).toContain('always-in, always-out or random:<p>');
  });
});
