// The decoded-poll cache on its own: what it keeps, how it stays inside its bytes, and that a hit cannot be changed.
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/index.js';
import { MAX_KEPT_BODY, RepeatedPolls } from '../../../src/http/repeated-polls.js';
import * as X from '../../helpers/ven-xml/index.js';

const pollBody = (venId: string) => X.oadrPoll({ venId }, {});
const decoded = (body: string) => decodeOadrPayload(body);

describe('RepeatedPolls', () => {
  it('keeps a proven unsigned poll and hands the same decoded form back for the same bytes', () => {
    const cache = new RepeatedPolls(1024 * 1024);
    const body = pollBody('VEN-A');
    expect(cache.get(body)).toBeUndefined();
    cache.remember(body, decoded(body), 'VEN-A');
    expect(cache.get(body)?.message).toEqual({ type: 'oadrPoll', venId: 'VEN-A' });
    // One byte different is another body: decoded again.
    expect(cache.get(`${body} `)).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 2 });
  });

  it('keeps nothing the gate did not prove: no speaker, another speaker, other message types', () => {
    const cache = new RepeatedPolls(1024 * 1024);
    const body = pollBody('VEN-A');
    cache.remember(body, decoded(body), undefined);
    cache.remember(body, decoded(body), 'VEN-B');
    const query = X.oadrQueryRegistration({ requestId: 'r1' }, {});
    cache.remember(query, decoded(query), 'VEN-A');
    const request = X.oadrRequestEvent({ requestId: 'r2', venId: 'VEN-A' }, {});
    cache.remember(request, decoded(request), 'VEN-A');
    expect(cache.stats().entries).toBe(0);
  });

  it('keeps no signed poll and no body longer than a plain poll', () => {
    const cache = new RepeatedPolls(1024 * 1024);
    const body = pollBody('VEN-A');
    cache.remember(body, { ...decoded(body), signed: true }, 'VEN-A');
    const padded = `${body}${' '.repeat(MAX_KEPT_BODY)}`;
    cache.remember(padded, decoded(padded), 'VEN-A');
    expect(cache.stats().entries).toBe(0);
    expect(cache.get(padded)).toBeUndefined();
  });

  it('stays inside its bytes by dropping the oldest polls first', () => {
    const one = pollBody('VEN-00000');
    const cache = new RepeatedPolls((one.length * 2 + 160) * 3);
    for (let i = 0; i < 10; i++) {
      const b = pollBody(`VEN-${String(i).padStart(5, '0')}`);
      cache.remember(b, decoded(b), `VEN-${String(i).padStart(5, '0')}`);
    }
    const s = cache.stats();
    expect(s.entries).toBe(3);
    expect(s.bytes).toBeLessThanOrEqual(s.maxBytes);
    expect(cache.get(pollBody('VEN-00009'))).toBeDefined();
    expect(cache.get(pollBody('VEN-00006'))).toBeUndefined();
  });

  it('size 0 keeps nothing', () => {
    const cache = new RepeatedPolls(0);
    const body = pollBody('VEN-A');
    cache.remember(body, decoded(body), 'VEN-A');
    expect(cache.get(body)).toBeUndefined();
    expect(cache.stats().entries).toBe(0);
  });

  it('a kept poll is frozen: a handler cannot change what the next poll with these bytes gets', () => {
    const cache = new RepeatedPolls(1024 * 1024);
    const body = pollBody('VEN-A');
    cache.remember(body, decoded(body), 'VEN-A');
    const hit = cache.get(body)!;
    expect(() => { (hit.message as { venId: string }).venId = 'VEN-B'; }).toThrow(TypeError);
    expect(cache.get(body)?.message).toEqual({ type: 'oadrPoll', venId: 'VEN-A' });
  });
});
