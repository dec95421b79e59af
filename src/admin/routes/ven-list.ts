// GET /vens: one page of VENs in venId order with their presence; a fleet is never read whole for one request.
import type { VenRecord } from '../../store/records.js';
import { PAGE_SIZE, pages } from '../../store/store-pages.js';
import type { Presence, VenPresence } from '../ven-presence.js';
import type { Vtn } from '../../vtn/vtn.js';

export const VEN_PAGE_DEFAULT = 1000;
export const VEN_PAGE_MAX = 1000;

export const venListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    online: { type: 'boolean' },
    q: { type: 'string', minLength: 1, maxLength: 256, description: 'Only VENs whose venName or venId contains this text (any case).' },
    after: { type: 'string', minLength: 1, description: 'Start after this venId (the `next` link of the previous page carries it).' },
    limit: { type: 'integer', minimum: 1, maximum: VEN_PAGE_MAX, default: VEN_PAGE_DEFAULT, description: 'VENs per page.' },
  },
} as const;

export interface VenListQuery { online?: boolean; q?: string; after?: string; limit: number }

/** The record, its presence, and the poll period in use (its own, else the VTN default). */
export type VenSummary = VenRecord & Presence & { pollPeriodMs: number };

const matcher = (text: string | undefined): ((ven: VenRecord) => boolean) => {
  if (text === undefined) return () => true;
  const needle = text.toLowerCase();
  return (ven) => ven.venId.toLowerCase().includes(needle) || (ven.venName?.toLowerCase().includes(needle) ?? false);
};

/** Up to `limit` VENs matching the filter; `next` is the venId to continue after when the page filled up. */
export async function venPage(vtn: Vtn, presence: VenPresence, q: VenListQuery): Promise<{ vens: VenSummary[]; next?: string }> {
  const out: VenSummary[] = [];
  const matches = matcher(q.q);
  // A search may skip most VENs: read in full pages rather than `limit` at a time.
  const readSize = q.q === undefined && q.online === undefined ? q.limit : Math.max(q.limit, PAGE_SIZE);
  for await (const page of pages(vtn.store, (u) => u.vens, readSize, q.after)) {
    const vens = page.map((p) => p.value).filter(matches);
    const seen = await presence.ofMany(vens);
    for (const [i, ven] of vens.entries()) {
      const summary = { ...ven, ...seen[i]!, pollPeriodMs: ven.pollFreqMs ?? vtn.ctx.settings.pollFreqMs };
      if (q.online !== undefined && summary.online !== q.online) continue;
      out.push(summary);
      // The next page may turn out empty: only a read past this VEN can tell.
      if (out.length === q.limit) return { vens: out, next: ven.venId };
    }
  }
  return { vens: out };
}

/** RFC 8288 link to the next page, keeping the caller's filter. */
export function nextLink(path: string, q: VenListQuery, next: string): string {
  const params = new URLSearchParams({ after: next, limit: String(q.limit) });
  if (q.online !== undefined) params.set('online', String(q.online));
  if (q.q !== undefined) params.set('q', q.q);
  return `<${path}?${params.toString()}>; rel="next"`;
}
