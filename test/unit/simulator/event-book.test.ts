import { describe, expect, it } from 'vitest';
import { EventBook } from '../../../src/simulator/event-book.js';
import type { EventStatus, OadrEvent, OptType, ResponseRequired } from '../../../src/oadr/model.js';

const T0 = Date.parse('2026-06-01T12:00:00Z');

function event(id: string, mod: number, opts: { start?: number; durationMs?: number; status?: EventStatus; responseRequired?: ResponseRequired; testEvent?: boolean } = {}): OadrEvent {
  return {
    descriptor: { eventId: id, modificationNumber: mod, marketContext: 'http://mc', eventStatus: opts.status ?? 'far', ...(opts.testEvent ? { testEvent: true } : {}) },
    activePeriod: { dtstart: new Date(opts.start ?? T0), duration: opts.durationMs ?? 3_600_000 },
    signals: [], target: {}, responseRequired: opts.responseRequired ?? 'always',
  };
}

function bookAnswering(...answers: OptType[]): EventBook {
  let i = 0;
  return new EventBook(() => answers[i++ % answers.length]!);
}

describe('event book', () => {
  it('owes an answer for each new event version only, keeping its first decision across modifications', () => {
    const book = bookAnswering('optIn', 'optOut');
    const first = book.apply([event('e1', 0), event('e2', 0)]);
    expect(first.responses).toEqual([
      { responseCode: 200, eventId: 'e1', modificationNumber: 0, optType: 'optIn' },
      { responseCode: 200, eventId: 'e2', modificationNumber: 0, optType: 'optOut' },
    ]);
    expect(first).toMatchObject({ newVersions: 2, optIns: 1, optOuts: 1 });
    // A status change re-sends the same version: nothing owed.
    expect(book.apply([event('e1', 0, { status: 'active' }), event('e2', 0)])).toMatchObject({ responses: [], newVersions: 0 });
    const modified = book.apply([event('e1', 1), event('e2', 0)]);
    expect(modified.responses).toEqual([{ responseCode: 200, eventId: 'e1', modificationNumber: 1, optType: 'optIn' }]);
  });

  it('answers nothing when no response is required, but still learns the event', () => {
    const book = bookAnswering('optIn');
    expect(book.apply([event('e1', 0, { responseRequired: 'never' })])).toMatchObject({ responses: [], newVersions: 1, optIns: 0 });
    expect(book.curtailing(new Date(T0 + 1000))).toBe(true);
  });

  it('forgets events left out of a distribute (they are cancelled), so a re-listed one is new again', () => {
    const book = bookAnswering('optIn');
    book.apply([event('e1', 0)]);
    book.apply([]);
    expect(book.size).toBe(0);
    expect(book.apply([event('e1', 0)]).responses).toHaveLength(1);
  });

  it('curtails only inside an opted-in, real, not cancelled event; duration 0 is open-ended', () => {
    const inBook = bookAnswering('optIn');
    inBook.apply([event('e1', 0, { durationMs: 60_000 })]);
    expect(inBook.curtailing(new Date(T0 - 1))).toBe(false);
    expect(inBook.curtailing(new Date(T0))).toBe(true);
    expect(inBook.curtailing(new Date(T0 + 60_000))).toBe(false);
    inBook.apply([event('e1', 1, { durationMs: 60_000, status: 'cancelled' })]);
    expect(inBook.curtailing(new Date(T0 + 1000))).toBe(false);

    const open = bookAnswering('optIn');
    open.apply([event('e1', 0, { durationMs: 0 })]);
    expect(open.curtailing(new Date(T0 + 86_400_000))).toBe(true);

    const test = bookAnswering('optIn');
    test.apply([event('e1', 0, { testEvent: true })]);
    expect(test.curtailing(new Date(T0 + 1000))).toBe(false);

    const out = bookAnswering('optOut');
    out.apply([event('e1', 0)]);
    expect(out.curtailing(new Date(T0 + 1000))).toBe(false);
  });
});
