// The entity decoder's fast paths (code-unit buffer) and its slow path agree with XML 1.0 on every kind of reference.
import { describe, expect, it } from 'vitest';
import { decodeXmlEntities } from '../../../src/oadr/xml-entities.js';

const reasonOf = (raw: string): string => {
  try {
    decodeXmlEntities(raw);
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
};

describe('decodeXmlEntities', () => {
  it('decodes the five entities, decimal and hex references, astral characters and zero-padded references', () => {
    expect(decodeXmlEntities('a &lt;b&gt; &amp; &apos;c&quot;')).toBe(`a <b> & 'c"`);
    expect(decodeXmlEntities('&#65;&#x42;&#x6a;&#x6A;')).toBe('ABjj');
    expect(decodeXmlEntities('x&#x1F600;y&#128512;')).toBe('x\u{1F600}y\u{1F600}');
    expect(decodeXmlEntities('&#0000000065;&#x000000000041;')).toBe('AA');
    expect(decodeXmlEntities('\u{1F600}&amp;\u00e9')).toBe('\u{1F600}&\u00e9');
  });

  it('never decodes twice: &amp;lt; is the text "&lt;"', () => {
    expect(decodeXmlEntities('&amp;lt;&amp;#65;')).toBe('&lt;&#65;');
  });

  it('normalises literal tab, CR and LF in attribute values but keeps them when written as references', () => {
    expect(decodeXmlEntities('a\tb\nc\rd', true)).toBe('a b c d');
    expect(decodeXmlEntities('a\t&#9;&#xA;&#13;&amp;', true)).toBe('a \t\n\r&');
    expect(decodeXmlEntities('a\tb', false)).toBe('a\tb');
  });

  it('refuses what XML refuses, with a plain reason', () => {
    expect(reasonOf('&#X41;')).toMatch('lowercase x');
    expect(reasonOf('&#0;')).toMatch('not a legal XML character');
    expect(reasonOf('&#xD800;')).toMatch('not a legal XML character');
    expect(reasonOf('&#99999999999;')).toMatch('not a legal XML character');
    expect(reasonOf('&nbsp;')).toMatch('is not defined');
    expect(reasonOf('a & b')).toMatch("bare '&'");
    expect(reasonOf('tail &amp')).toMatch("bare '&'");
    expect(reasonOf('&#;')).toMatch('not a character reference');
  });

  it('200,000 references decode to the expected text (linear, one buffer)', () => {
    const refs = ['&amp;', '&#65;', '&#x42;', '&lt;'];
    const raw = Array.from({ length: 200_000 }, (_, i) => refs[i % 4]).join('');
    const decoded = decodeXmlEntities(raw);
    expect(decoded.length).toBe(200_000);
    expect(decoded.slice(0, 8)).toBe('&AB<&AB<');
  });
});
