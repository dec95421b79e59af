// Scenario (a)'s rounds: over four rounds each target is measured right after each other one (the one measured
// second gains a little), and the ratio of an even number of rounds is the mean of the middle two.
import { expect, it } from 'vitest';
import { medianRatio, roundOrder } from '../../../src/bench/throughput-scenario.js';

it('lets every target follow every other one within four rounds', () => {
  const targets = ['baseline', 'file', 'reference'];
  const follows = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const order = roundOrder(targets, i);
    expect([...order].sort()).toEqual([...targets].sort());
    for (let k = 1; k < order.length; k++) follows.add(`${order[k - 1]}→${order[k]}`);
  }
  for (const a of targets) for (const b of targets) if (a !== b) expect(follows).toContain(`${a}→${b}`);
});

it('takes the middle round of an odd count and the mean of the middle two of an even one', () => {
  const rps = (...v: number[]) => v.map((x) => ({ rps: x, total: 0, p50: 0, p99: 0, errors: 0, non2xx: 0 }));
  expect(medianRatio(rps(90, 100, 110), rps(100, 100, 100))).toMatchObject({ ratio: 1, round: 1 });
  const even = medianRatio(rps(90, 96, 104, 120), rps(100, 100, 100, 100));
  expect(even.ratio).toBeCloseTo(1.0);
  expect(even.round).toBe(1);
});
