// XML 1.0 (5th ed.) and Namespaces 1.0 rules the reader used to let through, and the normalisations it must apply.
import { describe, expect, it } from 'vitest';
import { readXml } from '../../../src/oadr/xml-read.js';

const refused = (xml: string, reason: RegExp) => expect(() => readXml(xml)).toThrow(reason);
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

describe('non-XML the reader used to accept is refused', () => {
  it('a comment holding "--" or ending in "---" is refused', () => {
    refused('<r><!-- a -- b --></r>', /'--' is not allowed inside a comment/);
    refused('<r><!-- a ---></r>', /'--' is not allowed inside a comment/);
    expect(readXml('<r><!----><!-- - --></r>').name).toBe('r');
  });

  it('"]]>" in character data is refused (attribute values may hold it)', () => {
    refused('<r>a ]]> b</r>', /']]>' is not allowed in text/);
    expect(readXml('<r a="]]>">]]&gt;</r>').text).toBe(']]>');
  });

  it('&#X41; (uppercase X) and other malformed references are refused', () => {
    refused('<r>&#X41;</r>', /not a character reference/);
    refused('<r>&#x;</r>', /not a character reference/);
    refused('<r>&#12a;</r>', /not a character reference/);
    refused('<r a="&#X41;"/>', /not a character reference/);
    refused('<r>& amp;</r>', /bare '&'/);
    expect(readXml('<r>&#x41;&#66;</r>').text).toBe('AB');
  });

  it('whitespace, text or a comment before <?xml is refused', () => {
    refused(' <?xml version="1.0"?><r/>', /allowed only at the very start/);
    refused('\n<?xml version="1.0"?><r/>', /allowed only at the very start/);
    refused('<!-- c --><?xml version="1.0"?><r/>', /allowed only at the very start/);
    expect(readXml('\uFEFF<?xml version="1.0"?><r/>').name).toBe('r');
  });

  it('a processing instruction named xml in any case, or with a colon, is refused', () => {
    refused('<r><?XML x?></r>', /allowed only at the very start/);
    refused('<r><?xMl?></r>', /allowed only at the very start/);
    refused('<r><?a:b x?></r>', /must not contain ':'/);
    refused('<r><?pi<x?></r>', /a space must follow/);
    expect(readXml('<r><?xml-stylesheet href="a"?><?pi?></r>').name).toBe('r');
  });

  it('xmlns:="" and xmlns:p="" (undeclaring a prefix is Namespaces 1.1) are refused', () => {
    refused('<r xmlns:=""/>', /not a namespace-well-formed name/);
    refused('<r xmlns:p=""/>', /bound to an empty URI/);
    expect(readXml('<r xmlns="urn:a"><s xmlns=""/></r>').children[0]!.name).toBe('s');
  });

  it('QNames a:b:c, :a and a: are refused as element and attribute names', () => {
    for (const name of ['a:b:c', ':a', 'a:', 'a:1b', 'a:-b']) {
      refused(`<${name} xmlns:a="urn:a"/>`, /namespace-well-formed name/);
      refused(`<r xmlns:a="urn:a" ${name}="v"/>`, /namespace-well-formed name/);
    }
  });

  it('binding xml to another URI, or another prefix (or the default) to the xml URI, is refused', () => {
    refused('<r xmlns:xml="urn:other"/>', /belong only to each other/);
    refused(`<r xmlns:x="${XML_NS}"/>`, /belong only to each other/);
    refused(`<r xmlns="${XML_NS}"/>`, /belong only to each other/);
    expect(readXml(`<r xmlns:xml="${XML_NS}" xml:lang="en"/>`).attrs[`{${XML_NS}}lang`]).toBe('en');
  });

  it('the xmlns prefix and namespace cannot be declared or used on an element', () => {
    refused('<r xmlns:xmlns="urn:a"/>', /xmlns prefix cannot be declared/);
    refused('<r xmlns:p="http://www.w3.org/2000/xmlns/"/>', /cannot be bound/);
    refused('<r xmlns="http://www.w3.org/2000/xmlns/"/>', /cannot be bound/);
    refused('<xmlns:r/>', /reserved for declarations/);
  });

  it('a namespace name that is not an RFC 3986 URI reference (as libxml2 reads it) is refused', () => {
    for (const bad of ['urn:é', 'urn:a b', 'urn:%4', 'a#b#c', '1a:b', 'http://h:/p', 'urn:{a}']) refused(`<r xmlns:p="${bad}"/>`, /is not a URI/);
    for (const ok of ['urn:a', 'rel/ative', '#f', 'urn:%C3%A9', 'http://[::1]:80/p?q#f', 'mailto:x@y']) expect(readXml(`<r xmlns:p="${ok}"/>`).name).toBe('r');
  });

  it('one attribute twice after namespace resolution ({uri}local under two prefixes) is refused', () => {
    refused('<r xmlns:a="urn:x" xmlns:b="urn:x" a:k="1" b:k="2"/>', /appears twice/);
    expect(Object.keys(readXml('<r xmlns:a="urn:x" xmlns:b="urn:y" a:k="1" b:k="2" k="3"/>').attrs)).toHaveLength(3);
  });

  it('an end tag may have whitespace before ">" only', () => {
    expect(readXml('<r></r \n>').name).toBe('r');
    refused('<r></ r>', /ends inside an end tag|malformed/);
  });

  it('lone surrogates and other illegal characters are refused', () => {
    refused('<r>\uD800</r>', /U\+d800 is not allowed/);
    refused('<r a="\uDC00"/>', /U\+dc00 is not allowed/);
    refused('<r>\uFFFE</r>', /not allowed/);
    expect(readXml('<r>\uD83D\uDE00</r>').text).toBe('\uD83D\uDE00');
  });

  it('the XML declaration grammar: version 1.x, UTF-8, standalone yes|no, in that order', () => {
    for (const ok of ['<?xml version="1.0"?>', "<?xml version='1.1' encoding='utf-8'?>", '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>']) {
      expect(readXml(`${ok}<r/>`).name).toBe('r');
    }
    for (const bad of ['<?xml?>', '<?xml version="2.0"?>', '<?xml version="1."?>', '<?xml version="1.0\'?>', '<?xml encoding="UTF-8" version="1.0"?>',
      '<?xml version="1.0" standalone="maybe"?>', '<?xml version="1.0" encoding="-x"?>', '<?xml version="1.0"encoding="UTF-8"?>']) {
      refused(`${bad}<r/>`, /XML declaration is malformed/);
    }
    refused('<?xml version="1.0" encoding="ISO-8859-1"?><r/>', /declares encoding ISO-8859-1; send it as UTF-8/);
  });
});

describe('normalisations XML 1.0 requires', () => {
  it('literal tab, CR and LF in attribute values become spaces; character references are kept', () => {
    expect(readXml('<r a="x\ty\nz\r\nw\rv" b="&#9;&#10;&#13;"/>').attrs).toEqual({ a: 'x y z w v', b: '\t\n\r' });
  });

  it('CR and CRLF in text become LF', () => {
    expect(readXml('<r>a\r\nb\rc&#13;d</r>').text).toBe('a\nb\nc\rd');
  });

  it('"<" is refused in attribute values and "&" must start a reference there too', () => {
    refused('<r a="<"/>', /contains '<'/);
    refused('<r a="&"/>', /bare '&'/);
    expect(readXml('<r a="&lt;&amp;&gt;&quot;&apos;"/>').attrs.a).toBe('<&>"\'');
  });

  it('text is trimmed of XML whitespace only: a no-break space stays', () => {
    expect(readXml('<r>\u00A0x\u00A0</r>').text).toBe('\u00A0x\u00A0');
    expect(readXml('<r> a <!-- c --> b <![CDATA[ c ]]></r>').text).toBe('ab c');
  });
});
