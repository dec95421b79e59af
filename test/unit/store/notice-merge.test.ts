// Change notices sent after hot commits are merged before NOTIFY (notice-channel.ts mergedPayloads): fewer payloads,
// none naming less than its notices did, none so large it would fall back to "every VEN".
import { describe, expect, it } from 'vitest';
import { decodeNotice, mergedPayloads } from '../../../src/store/postgres/notice-channel.js';
import type { ChangeNotice } from '../../../src/store/store.js';

const notice = (collections: string[], venIds: string[]): ChangeNotice => ({ collections, venIds, origin: 'local' });
const heard = (payloads: string[]) => payloads.map((p) => decodeNotice('other-instance', p)!);

describe('mergedPayloads', () => {
  it('merges the notices of one batch into one payload naming every collection and VEN they named', () => {
    const payloads = mergedPayloads('me', [notice(['deliveries'], ['v1']), notice(['deliveries', 'presence'], ['v2']), notice(['deliveries'], ['v1'])]);
    expect(heard(payloads)).toEqual([{ collections: ['deliveries', 'presence'], venIds: ['v1', 'v2'], origin: 'remote' }]);
    expect(decodeNotice('me', payloads[0])).toBeUndefined(); // still this instance's own
  });

  it('keeps "every VEN" when one notice said so', () => {
    expect(heard(mergedPayloads('me', [notice(['deliveries'], ['v1']), notice(['*'], ['*'])]))).toEqual([{ collections: ['*'], venIds: ['*'], origin: 'remote' }]);
  });

  it('splits a batch too large for one payload instead of widening it to every VEN', () => {
    const many = Array.from({ length: 2000 }, (_, i) => notice(['deliveries'], [`ven-${String(i).padStart(6, '0')}`]));
    const payloads = mergedPayloads('me', many);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(10);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(7_000);
    const named = heard(payloads).flatMap((n) => n.venIds);
    expect(named).not.toContain('*');
    expect(new Set(named)).toEqual(new Set(many.map((n) => n.venIds[0])));
  });
});
