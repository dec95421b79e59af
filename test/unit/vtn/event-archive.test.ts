import { describe, expect, it } from 'vitest';
import type { DeliveryRecord, EventRecord } from '../../../src/store/records.js';
import { archiveOf } from '../../../src/vtn/event-archive.js';

const event = {
  eventId: 'ev-1', modificationNumber: 0, modificationDateTime: '2026-12-01T00:00:00Z', priority: 0, marketContext: 'oadr://p',
  createdDateTime: '2026-12-01T00:00:00Z', testEvent: false, dtstart: '2026-12-01T10:00:00Z', duration: 3_600_000,
  signals: [], venIds: ['ven-a', 'ven-b'],
} as unknown as EventRecord;

describe('archiveOf', () => {
  it('counts OpenADR 3.1 VENs that answered among the VENs, so no answer count goes below zero', () => {
    const deliveries: DeliveryRecord[] = [
      { eventId: 'ev-1', venId: 'ven-a', optType: 'optIn', deliveredModification: 0 },
      { eventId: 'ev-1', venId: 'oa3-ven-1', optType: 'optIn', protocol: 'openadr3' },
      { eventId: 'ev-1', venId: 'oa3-ven-2', optType: 'optOut', protocol: 'openadr3' },
    ];
    const a = archiveOf(event, deliveries, '2026-12-01T11:00:00Z', new Date('2026-12-09T00:00:00Z'));
    expect(a.vens).toBe(4);
    expect(a.responses).toEqual({ optIn: 2, optOut: 1, none: 1, delivered: 1 });
  });

  it('counts only the 2.0b audience when no 3.1 VEN answered', () => {
    const a = archiveOf(event, [{ eventId: 'ev-1', venId: 'ven-b', optType: 'optOut', deliveredModification: 0 }], '2026-12-01T11:00:00Z', new Date('2026-12-09T00:00:00Z'));
    expect(a.vens).toBe(2);
    expect(a.responses).toEqual({ optIn: 0, optOut: 1, none: 1, delivered: 1 });
  });
});
