import { describe, expect, it } from 'vitest';
import { encodeOadrPayload } from '../../../src/oadr/encode.js';
import { expectValidOadr, validateOadr } from '../../helpers/xsd.js';
import { ALL_SAMPLES, SAMPLES } from './fixtures.js';

describe('encodeOadrPayload produces XSD-valid documents', () => {
  it('covers all 23 payload types', () => {
    expect(new Set(ALL_SAMPLES.map((m) => m.type)).size).toBe(23);
  });

  it.each(ALL_SAMPLES.map((m) => [m.type, m] as const))('%s validates against oadr_20b.xsd', async (_type, msg) => {
    await expectValidOadr(encodeOadrPayload(msg));
  });

  it('stays valid with interval dtstart compatibility on', async () => {
    await expectValidOadr(encodeOadrPayload(SAMPLES.oadrDistributeEvent, { intervalDtstart: true }));
  });

  it('the XSD check really rejects a broken document', async () => {
    const broken = encodeOadrPayload(SAMPLES.oadrPoll).replace(/<ei:venID>[^<]*<\/ei:venID>/, '');
    const result = await validateOadr(broken);
    if (result.skipped) return;
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toMatch(/venID/);
  });
});
