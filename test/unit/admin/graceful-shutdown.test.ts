import { describe, expect, it } from 'vitest';
import { installGracefulShutdown, runShutdownSteps } from '../../../src/admin/graceful-shutdown.js';

const quiet = { info() {}, warn() {}, error() {}, debug() {} };

describe('graceful shutdown', () => {
  it('runs every step in order, even after a failure, and reports whether all succeeded', async () => {
    const order: string[] = [];
    const ok = await runShutdownSteps([
      { name: 'a', run: async () => { order.push('a'); } },
      { name: 'b', run: () => { order.push('b'); throw new Error('boom'); } },
      { name: 'c', run: () => { order.push('c'); } },
    ], quiet);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(ok).toBe(false);
    expect(await runShutdownSteps([{ name: 'a', run: () => undefined }], quiet)).toBe(true);
  });

  it('on the signal runs the steps and exits 0; exits 1 when the bound passes', async () => {
    const codes: number[] = [];
    const done = new Promise<void>((resolve) => {
      const remove = installGracefulShutdown({ log: quiet, signals: ['SIGUSR2'], steps: () => [{ name: 's', run: () => new Promise((r) => setTimeout(r, 10)) }], exit: (c) => { codes.push(c); remove(); resolve(); } });
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    await done;
    expect(codes).toEqual([0]);

    const slow: number[] = [];
    const timedOut = new Promise<void>((resolve) => {
      const remove = installGracefulShutdown({ log: quiet, signals: ['SIGUSR2'], timeoutMs: 30, steps: () => [{ name: 'hang', run: () => new Promise(() => {}) }], exit: (c) => { slow.push(c); remove(); resolve(); } });
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    await timedOut;
    expect(slow).toEqual([1]);
  });
});
