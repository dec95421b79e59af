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

describe('encoder text escaping', () => {
  it('escapes markup characters and replaces characters XML cannot carry, staying XSD-valid', async () => {
    const msg = { ...SAMPLES.oadrCreatePartyRegistration, venName: `a<b>&"c'\u0001d` };
    const xml = encodeOadrPayload(msg);
    expect(xml).toContain('<oadr:oadrVenName>a&lt;b&gt;&amp;&quot;c&apos;\uFFFDd</oadr:oadrVenName>');
    await expectValidOadr(xml);
  });

  it('puts every namespace on the root and the signed-object Id the signature references', () => {
    const xml = encodeOadrPayload(SAMPLES.oadrPoll);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<oadr:oadrPayload xmlns:oadr=')).toBe(true);
    for (const p of ['ei', 'pyld', 'emix', 'power', 'scale', 'xcal', 'strm', 'ds', 'dsp']) expect(xml).toContain(` xmlns:${p}="`);
    expect(xml).toContain('<oadr:oadrSignedObject oadr:Id="oadrSignedObject"><oadr:oadrPoll ei:schemaVersion="2.0b">');
  });

  it('numbers intervals 0,1,2… per signal and adds no interval dtstart by default', () => {
    const xml = encodeOadrPayload(SAMPLES.oadrDistributeEvent);
    const firstSignal = xml.slice(xml.indexOf('<ei:eiEventSignal>'), xml.indexOf('</ei:eiEventSignal>'));
    expect([...firstSignal.matchAll(/<xcal:uid><xcal:text>([^<]*)<\/xcal:text>/g)].map((m) => m[1])).toEqual(['0', '1', '2']);
    expect(xml).not.toMatch(/<ei:interval><xcal:dtstart>/);
    expect(xml).toContain('<ei:currentValue><ei:payloadFloat><ei:value>0</ei:value></ei:payloadFloat></ei:currentValue>');
  });
});
