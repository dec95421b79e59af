// A plausible daily load curve per simulated VEN: night base, morning and evening peaks, noise, curtailment.
import { gaussian } from './seeded-random.js';

export interface LoadShape {
  /** Night-time base load in kW. */
  baseKw: number;
  /** Extra load at the morning peak (around 08:00 local time), as a fraction of the base. */
  morningPeak: number;
  /** Extra load at the evening peak (around 18:30 local time), as a fraction of the base. */
  eveningPeak: number;
  /** Share of the load shed while an opted-in event is active (0.2 = 20 % lower). */
  curtailDepth: number;
  /** Standard deviation of the noise, as a fraction of the expected load. */
  noise: number;
}

/** A random but plausible building: 2–10 kW base, peaks of 40–120 %, sheds 20–40 %, 3–6 % noise. */
export function randomLoadShape(random: () => number): LoadShape {
  return {
    baseKw: 2 + random() * 8,
    morningPeak: 0.4 + random() * 0.5,
    eveningPeak: 0.7 + random() * 0.5,
    curtailDepth: 0.2 + random() * 0.2,
    noise: 0.03 + random() * 0.03,
  };
}

function bump(hour: number, centre: number, width: number): number {
  // Distance on a 24-hour circle so a peak near midnight wraps around.
  const d = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre));
  return Math.exp(-(d * d) / (2 * width * width));
}

/** Expected load in kW at a local time of day, without noise or curtailment. */
export function expectedKw(shape: LoadShape, at: Date): number {
  const hour = at.getHours() + at.getMinutes() / 60 + at.getSeconds() / 3600;
  return shape.baseKw * (1 + shape.morningPeak * bump(hour, 8, 1.5) + shape.eveningPeak * bump(hour, 18.5, 2));
}

/** One reading: the curve with noise, lowered while curtailing; never negative, rounded to watts. */
export function sampleKw(shape: LoadShape, at: Date, curtailed: boolean, random: () => number): number {
  const expected = expectedKw(shape, at) * (curtailed ? 1 - shape.curtailDepth : 1);
  const value = expected * (1 + shape.noise * gaussian(random));
  return Math.round(Math.max(0, value) * 1000) / 1000;
}
