// The one-pass XML scanner that replaced validate + parse: well-formedness rules it must enforce on untrusted input.
import { describe, expect, it } from 'vitest';
import { scanXml, type XmlSink } from '../../../src/oadr/xml-scan.js';

function events(xml: string, maxDepth = 64): string[] {
  const out: string[] = [];
  const sink: XmlSink = {
    start: (q, attrs) => void out.push(`<${q}${attrs.map(([k, v]) => ` ${k}=${v}`).join('')}>`),
    text: (t) => void out.push(`"${t}"`),
    end: () => void out.push('</>'),
  };
  scanXml(xml, maxDepth, sink);
  return out;
}

const refuses = (xml: string, pattern: RegExp, maxDepth = 64) => expect(() => events(xml, maxDepth)).toThrow(pattern);

describe('scanXml', () => {
  it('reports elements, entity-decoded attributes and untrimmed text in document order', () => {
    expect(events('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; 2"><b>  hi &lt;there&gt;  </b><c/><!-- note --><d><![CDATA[ <raw> ]]></d></a>')).toEqual([
      '<a x=1 & 2>', '<b>', '"  hi <there>  "', '</>', '<c>', '</>', '<d>', '" <raw> "', '</>', '</>',
    ]);
  });

  it('decodes numeric character references', () => {
    expect(events('<a>&#65;&#x42;</a>')).toEqual(['<a>', '"AB"', '</>']);
  });

  it('refuses a DOCTYPE and entity declarations (XXE, entity expansion)', () => {
    refuses('<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>', /DOCTYPE|not well-formed|declaration/i);
    refuses('<a>&x;</a>', /not well-formed|entity/i);
  });

  it('refuses mismatched, unclosed and stray closing tags, and text after the root', () => {
    refuses('<a><b></a></b>', /not well-formed/);
    refuses('<a><b></b>', /not well-formed|end/i);
    refuses('</a>', /not well-formed/);
    refuses('<a/><b/>', /not well-formed/);
  });

  it('refuses malformed attributes: duplicates, missing quotes, a raw < or a bare &', () => {
    refuses('<a x="1" x="2"/>', /not well-formed/);
    refuses('<a x=1/>', /not well-formed/);
    refuses('<a x="<"/>', /not well-formed/);
    refuses('<a x="a & b"/>', /bare '&'|not well-formed/);
  });

  it('refuses a malformed XML declaration and control characters', () => {
    refuses('<?xml versio="1.0"?><a/>', /not well-formed/);
    refuses('<a>\u0001</a>', /not well-formed|character/i);
  });

  it('bounds the element depth', () => {
    const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
    expect(() => events(deep(10), 10)).not.toThrow();
    refuses(deep(11), /nested more than 10 levels/, 10);
  });

  it('says where a document stops being well-formed', () => {
    refuses('<a>\n  <b>\n</a>', /line 3, column/);
  });
});
