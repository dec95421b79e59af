import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { encodeOadrPayload } from '../../../src/oadr/encode.js';
import type { OadrMessage } from '../../../src/oadr/model.js';
import { ALL_SAMPLES, SAMPLES } from './fixtures.js';

// The encoder numbers intervals 0,1,2… when no uid is given; the decoder then reads those uids back.
function withEncodedUids(msg: OadrMessage): OadrMessage {
  if (msg.type !== 'oadrDistributeEvent') return msg;
  const copy = structuredClone(msg);
  for (const event of copy.events) {
    for (const signal of event.signals) signal.intervals.forEach((iv, i) => (iv.uid ??= String(i)));
    event.baseline?.intervals.forEach((iv, i) => (iv.uid ??= String(i)));
  }
  return copy;
}

describe('encode -> decode round trip', () => {
  it.each(ALL_SAMPLES.map((m) => [m.type, m] as const))('%s decodes back to the same message', (_type, msg) => {
    const decoded = decodeOadrPayload(encodeOadrPayload(msg));
    expect(decoded.signed).toBe(false);
    expect(decoded.message).toEqual(withEncodedUids(msg));
  });

  it('keeps IDs as strings exactly ("0012", "123")', () => {
    const { message } = decodeOadrPayload(encodeOadrPayload(SAMPLES.oadrDistributeEvent));
    if (message.type !== 'oadrDistributeEvent') throw new Error('wrong type');
    expect(message.events[0]?.descriptor.eventId).toBe('0012');
    const reg = decodeOadrPayload(encodeOadrPayload(SAMPLES.oadrCreatePartyRegistration)).message;
    expect(reg.type === 'oadrCreatePartyRegistration' && reg.venId).toBe('123');
  });

  it('emits an empty requestID element for an empty requestId and reads it back as ""', () => {
    const xml = encodeOadrPayload(SAMPLES.oadrResponse);
    expect(xml).toContain('<pyld:requestID></pyld:requestID>');
    const back = decodeOadrPayload(xml).message;
    expect(back.type === 'oadrResponse' && back.response.requestId).toBe('');
  });

  it('interval dtstart compatibility adds computed starts that decoding ignores', () => {
    const xml = encodeOadrPayload(SAMPLES.oadrDistributeEvent, { intervalDtstart: true });
    expect(xml).toContain('<ei:interval><xcal:dtstart><xcal:date-time>2026-03-02T15:30:00Z</xcal:date-time>');
    expect(decodeOadrPayload(xml).message).toEqual(withEncodedUids(SAMPLES.oadrDistributeEvent));
  });
});
