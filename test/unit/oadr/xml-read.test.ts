import { describe, expect, it } from 'vitest';
import { readXml } from '../../../src/oadr/xml-read.js';

const OADR = 'http://openadr.org/oadr-2.0b/2012/07';
const EI = 'http://docs.oasis-open.org/ns/energyinterop/201110';

describe('readXml namespace resolution', () => {
  it('scopes default namespaces and prefixes per subtree, and xmlns="" undeclares the default', () => {
    const root = readXml(
      `<r xmlns="${OADR}"><a xmlns="${EI}"><b/></a><c/><d xmlns=""><e/></d><p:f xmlns:p="${EI}"/></r>`,
    );
    expect(root.name).toBe('oadr:r');
    expect(root.children.map((c) => c.name)).toEqual(['ei:a', 'oadr:c', 'd', 'ei:f']);
    expect(root.children[0]?.children[0]?.name).toBe('ei:b');
    expect(root.children[2]?.children[0]?.name).toBe('e');
  });

  it('a prefix redeclared deeper wins only inside that subtree', () => {
    const root = readXml(`<x:r xmlns:x="${OADR}"><x:a xmlns:x="${EI}"/><x:b/></x:r>`);
    expect(root.children.map((c) => c.name)).toEqual(['ei:a', 'oadr:b']);
  });

  it('unprefixed attributes are in no namespace; prefixed ones resolve to canonical names', () => {
    const root = readXml(`<r xmlns="${OADR}" xmlns:q="${EI}" Id="plain" q:schemaVersion="2.0b"/>`);
    expect(root.attrs).toEqual({ Id: 'plain', 'ei:schemaVersion': '2.0b' });
  });

  it('unknown namespaces keep {uri}local', () => {
    expect(readXml('<z:r xmlns:z="urn:elsewhere"/>').name).toBe('{urn:elsewhere}r');
  });

  it('keeps CDATA literal and decodes entities in attributes', () => {
    const root = readXml(`<r a="x &amp;amp; &#x41;"><![CDATA[<not> &amp; markup]]></r>`);
    expect(root.text).toBe('<not> &amp; markup');
    expect(root.attrs.a).toBe('x &amp; A');
  });

  it('keeps element order', () => {
    const root = readXml('<r><c/><a/><b/><a/></r>');
    expect(root.children.map((c) => c.name)).toEqual(['c', 'a', 'b', 'a']);
  });

  it('refuses a comment or CDATA that never ends, and a character reference to NUL', () => {
    expect(() => readXml('<r><!-- open')).toThrow(/unterminated comment/);
    expect(() => readXml('<r><![CDATA[ open')).toThrow(/unterminated CDATA/);
    expect(() => readXml('<r>&#0;</r>')).toThrow(/not a legal XML character/);
  });
});
