import { describe, expect, it } from 'vitest';
import { PushTurns } from '../../../src/push/push-turns.js';

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* a push step's CPU */ }
};

describe('push turns', () => {
  it('lets I/O run between slices of push steps, fewer steps per turn when steps are slow', async () => {
    const turns = new PushTurns({ targetMs: 8, maxPerTurn: 32 });
    // Stands for the polls: a timer callback runs once per event-loop turn, before the check phase.
    let ticks = 0;
    let stepsSinceTick = 0;
    let most = 0;
    let stop = false;
    const tick = () => {
      ticks++;
      most = Math.max(most, stepsSinceTick);
      stepsSinceTick = 0;
      if (!stop) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const steps = Array.from({ length: 120 }, async () => {
      for (let i = 0; i < 3; i++) {
        await turns.next();
        busy(2);
        stepsSinceTick++;
      }
    });
    await Promise.all(steps);
    stop = true;
    // 2 ms steps against an 8 ms target: a turn never runs more than a handful before the timers get their go.
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(8);
    expect(ticks).toBeGreaterThan(360 / 8);
    expect(turns.waiting).toBe(0);
  });

  it('lets more steps through per turn while turns stay short, up to the cap', async () => {
    const turns = new PushTurns({ targetMs: 50, maxPerTurn: 5 });
    const steps = Array.from({ length: 200 }, () => turns.next());
    await Promise.all(steps);
    expect(turns.perTurn).toBe(5);
  });

  it('releaseAll lets every waiting step go at once', async () => {
    const turns = new PushTurns();
    let done = 0;
    const steps = Array.from({ length: 50 }, () => turns.next().then(() => { done++; }));
    turns.releaseAll();
    await Promise.resolve();
    expect(done).toBe(50);
    await Promise.all(steps);
  });
});
