// GroupRunner (src/store/postgres/group-runner.ts), the queue behind group commit and grouped reads: items of one
// turn go together, items queued while a group is in flight form the next one, which is sent before the finished
// group's items go on, and an item sharing a key with one already in a group waits for the next.
import { describe, expect, it } from 'vitest';
import { GroupRunner } from '../../../src/store/postgres/group-runner.js';

describe('GroupRunner', () => {
  it('sends the items queued during a group as the next group, before the finished group\'s items continue', async () => {
    const events: string[] = [];
    const pending: (() => void)[] = [];
    const runner = new GroupRunner<string, string>((items) => {
      events.push(`run ${items.join(',')}`);
      return new Promise((done) => pending.push(() => done(items.map((i) => `${i}!`))));
    }, { maxItems: 10, maxInFlight: 1 });
    const first = ['a', 'b'].map((i) => runner.submit(i).then((out) => { events.push(`continue ${out}`); }));
    await new Promise((done) => setImmediate(done));
    expect(events).toEqual(['run a,b']);
    const second = ['c', 'd'].map((i) => runner.submit(i).then((out) => { events.push(`continue ${out}`); }));
    await new Promise((done) => setImmediate(done));
    expect(events).toEqual(['run a,b']); // one group in flight at a time
    pending.shift()!();
    await Promise.all(first);
    expect(events).toEqual(['run a,b', 'run c,d', 'continue a!', 'continue b!']);
    pending.shift()!();
    await Promise.all(second);
    expect(runner.groups).toBe(2);
  });

  it('fails only the items answered with an Error, and keeps items sharing a key out of one group', async () => {
    const groups: string[][] = [];
    const runner = new GroupRunner<string, string>(async (items) => {
      groups.push(items);
      return items.map((i) => (i.startsWith('bad') ? new Error(`${i} refused`) : i));
    }, { maxItems: 10, maxInFlight: 1, keys: (i) => [i.replace(/\d$/, '')] });
    const outs = await Promise.allSettled(['x1', 'bad', 'y', 'x2'].map((i) => runner.submit(i)));
    expect(outs.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(groups).toEqual([['x1', 'bad', 'y'], ['x2']]);
  });

  it('never lets an item overtake a queued one with the same key, whatever left that one out of the group', async () => {
    const groups: string[][] = [];
    // 'x-heavy' does not fit beside 'a' (weight); 'x-light' would, but writes the same key, so it waits behind it.
    const runner = new GroupRunner<string, string>(async (items) => {
      groups.push(items);
      return items;
    }, { maxItems: 10, maxInFlight: 1, weight: (i) => (i.endsWith('heavy') ? 10 : 1), maxWeight: 10, keys: (i) => [i.split('-')[0]!] });
    await Promise.all(['a', 'x-heavy', 'x-light', 'b'].map((i) => runner.submit(i)));
    expect(groups).toEqual([['a', 'b'], ['x-heavy'], ['x-light']]);
  });
});
