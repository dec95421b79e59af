// GET /vens pages through the fleet in venId order (after, limit, Link rel="next"), with the online filter
// applied across pages, and never answers more than `limit` VENs.
import { describe, expect, it } from 'vitest';
import type { VenRecord } from '../../../src/store/records.js';
import { putAll } from '../../helpers/read-store.js';
import { adminSetup, type AdminFixture } from './admin-fixture.js';

const ven = (venId: string, registeredAt: string): VenRecord => ({
  venId, venName: `name-${venId}`, registrationId: `reg-${venId}`, profileName: '2.0b', transportName: 'simpleHttp',
  httpPullModel: true, xmlSignature: false, reportOnly: false, pollFreqMs: 10_000, registeredAt,
});

/** `n` VENs written straight into the store; venIds v-00 … sort in creation order. */
async function fleet(f: AdminFixture, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `v-${String(i).padStart(2, '0')}`);
  await putAll(f.vtn.store, 'vens', ids.map((id) => [id, ven(id, f.clock.now().toISOString())]));
  return ids;
}

/** Follows the Link headers from `url`; returns the venIds of each page. */
async function walk(f: AdminFixture, url: string): Promise<string[][]> {
  const seen: string[][] = [];
  for (let next: string | undefined = url; next !== undefined;) {
    const res = await f.call('GET', next);
    expect(res.status).toBe(200);
    seen.push(res.json().map((v: { venId: string }) => v.venId));
    const link = res.headers.link as string | undefined;
    next = link === undefined ? undefined : /^<([^>]+)>; rel="next"$/.exec(link)![1];
    expect(seen.length).toBeLessThan(10);
  }
  return seen;
}

describe('admin API: VEN pages', () => {
  it('pages of `limit` VENs in venId order, a Link to the next while a page is full, none after the last', async () => {
    const f = await adminSetup();
    const ids = await fleet(f, 5);
    expect(await walk(f, '/admin/v1/vens?limit=2')).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
    const first = await f.call('GET', '/admin/v1/vens?limit=2');
    expect(first.headers.link).toBe('</admin/v1/vens?after=v-01&limit=2>; rel="next"');
    // A page that fills exactly is followed by an empty one (only reading past it can tell).
    expect(await walk(f, '/admin/v1/vens?limit=5')).toEqual([ids, []]);
    expect((await f.call('GET', '/admin/v1/vens?after=v-02')).json().map((v: { venId: string }) => v.venId)).toEqual(['v-03', 'v-04']);
    expect((await f.call('GET', '/admin/v1/vens')).headers.link).toBeUndefined();
  });

  it('the online filter skips across pages and the next link keeps it', async () => {
    const f = await adminSetup();
    await fleet(f, 6);
    // Only VENs whose polls the VTN saw are online: two real ones, registered after the stored six.
    const a = await f.registeredVen('online-a');
    const b = await f.registeredVen('online-b');
    const pages = await walk(f, '/admin/v1/vens?online=true&limit=1');
    expect(pages.flat().sort()).toEqual([a.venId, b.venId].sort());
    expect(pages.flat()).toHaveLength(2);
    const link = (await f.call('GET', '/admin/v1/vens?online=true&limit=1')).headers.link as string;
    expect(link).toMatch(/online=true/);
    const offline = (await f.call('GET', '/admin/v1/vens?online=false')).json();
    expect(offline).toHaveLength(6);
    expect(offline.every((v: { online: boolean; lastSeen?: string }) => !v.online && v.lastSeen === undefined)).toBe(true);
  });

  it('limit is 1 to 1,000 and after must not be empty', async () => {
    const f = await adminSetup();
    expect((await f.call('GET', '/admin/v1/vens?limit=1001')).json()).toEqual({ code: 'E_BAD_REQUEST', message: 'querystring/limit must be <= 1000' });
    expect((await f.call('GET', '/admin/v1/vens?limit=0')).status).toBe(400);
    expect((await f.call('GET', '/admin/v1/vens?after=')).status).toBe(400);
  });
});
