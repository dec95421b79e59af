// The fan-out's statements per VEN count only the VENs that polled and acknowledged: a run cut short by its time
// limit must not look cheaper per VEN (B4 read 1.65 for about 5, having acknowledged 3,323 of 10,000).
import { describe, expect, it } from 'vitest';
import { statementsPerAcknowledgedVen } from '../../../src/bench/load-fanout.js';

describe('fan-out statements per VEN', () => {
  it('divides by the acknowledged VENs, not the fleet', () => {
    expect(statementsPerAcknowledgedVen(16_500, { acknowledged: 3_300 })).toBe(5);
    expect(statementsPerAcknowledgedVen(40_000, { acknowledged: 10_000 })).toBe(4);
  });

  it('reads the statements themselves when nothing was acknowledged', () => {
    expect(statementsPerAcknowledgedVen(7, { acknowledged: 0 })).toBe(7);
  });
});
