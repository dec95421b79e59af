import { describe, expect, it } from 'vitest';
import { expectedKw, randomLoadShape, sampleKw, type LoadShape } from '../../../src/simulator/load-curve.js';
import { seededRandom } from '../../../src/simulator/seeded-random.js';

const shape: LoadShape = { baseKw: 4, morningPeak: 0.5, eveningPeak: 1, curtailDepth: 0.3, noise: 0.05 };
const at = (hour: number, minute = 0) => new Date(2026, 5, 1, hour, minute); // local time of day

describe('daily load curve', () => {
  it('is lowest at night and peaks in the morning and, higher, in the evening', () => {
    const night = expectedKw(shape, at(3));
    const morning = expectedKw(shape, at(8));
    const afternoon = expectedKw(shape, at(13));
    const evening = expectedKw(shape, at(18, 30));
    expect(night).toBeCloseTo(4, 1);
    expect(morning).toBeGreaterThan(afternoon);
    expect(evening).toBeGreaterThan(morning);
    expect(evening).toBeCloseTo(8, 1);
  });

  it('samples scatter around the curve, and curtailment lowers them by the shed share', () => {
    const rnd = seededRandom(9);
    const n = 2000;
    const mean = (curtailed: boolean) => Array.from({ length: n }, () => sampleKw(shape, at(18, 30), curtailed, rnd)).reduce((a, b) => a + b, 0) / n;
    const normal = mean(false);
    const shed = mean(true);
    expect(normal).toBeGreaterThan(7.8);
    expect(normal).toBeLessThan(8.2);
    expect(shed / normal).toBeGreaterThan(0.67);
    expect(shed / normal).toBeLessThan(0.73);
    const samples = Array.from({ length: 200 }, () => sampleKw(shape, at(12), false, rnd));
    expect(new Set(samples).size).toBeGreaterThan(150);
    for (const s of samples) expect(s).toBeGreaterThanOrEqual(0);
  });

  it('gives each VEN its own plausible building, repeatably per seed', () => {
    const a = randomLoadShape(seededRandom(1));
    const b = randomLoadShape(seededRandom(2));
    expect(a).toEqual(randomLoadShape(seededRandom(1)));
    expect(a).not.toEqual(b);
    for (const s of [a, b]) {
      expect(s.baseKw).toBeGreaterThanOrEqual(2);
      expect(s.baseKw).toBeLessThanOrEqual(10);
      expect(s.curtailDepth).toBeGreaterThanOrEqual(0.2);
      expect(s.curtailDepth).toBeLessThanOrEqual(0.4);
    }
  });
});
