// Element and attribute names like __proto__ or constructor are ordinary names: they never reach Object.prototype.
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload } from '../../../src/oadr/decode.js';
import { toJsonForm } from '../../../src/oadr/json-form.js';
import { Node } from '../../../src/oadr/json-read.js';
import { readXml } from '../../../src/oadr/xml-read.js';

const OADR = 'http://openadr.org/oadr-2.0b/2012/07';
const EI = 'http://docs.oasis-open.org/ns/energyinterop/201110';
const poll = (inner: string) => `<oadr:oadrPayload xmlns:oadr="${OADR}" xmlns:ei="${EI}"><oadr:oadrSignedObject>`
  + `<oadr:oadrPoll ei:schemaVersion="2.0b">${inner}</oadr:oadrPoll></oadr:oadrSignedObject></oadr:oadrPayload>`;
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('prototype-named elements and attributes', () => {
  it('<__proto__><ei:venID>x</ei:venID></__proto__> does not decode as venID "x"', () => {
    expect(decodeOadrPayload(poll('<ei:venID>ven-1</ei:venID>')).message).toEqual({ type: 'oadrPoll', venId: 'ven-1' });
    for (const name of NAMES) {
      expect(() => decodeOadrPayload(poll(`<${name}><ei:venID>x</ei:venID></${name}>`)), name).toThrow(/venID is missing|is not allowed/);
    }
  });

  it.each(NAMES)('an element named %s is an own key of the JSON form', (name) => {
    const form = toJsonForm(readXml(`<r><${name}><a>1</a></${name}><b>2</b></r>`)) as Record<string, unknown>;
    expect(form instanceof Object).toBe(false); // Object.prototype is not in its chain
    expect(Object.keys(form)).toEqual([name, 'b']);
    expect(Object.hasOwn(form, name)).toBe(true);
  });

  it.each(NAMES)('an attribute named %s is an own key, and absent ones read as absent', (name) => {
    const root = readXml(`<r ${name}="v"/>`);
    expect(Object.keys(root.attrs)).toEqual([name]);
    expect(root.attrs[name]).toBe('v');
    const other = NAMES.find((n) => n !== name)!;
    expect(root.attrs[other]).toBeUndefined();
    expect(other in readXml('<r/>').attrs).toBe(false);
  });

  it.each(NAMES)('the JSON-form reader does not find %s on an empty element', (name) => {
    const node = Node.of(toJsonForm(readXml('<r><a/></r>')), '');
    expect(node.has(name)).toBe(false);
    expect(node.optText(name)).toBeUndefined();
    expect(node.children(name)).toEqual([]);
    expect(Node.of('', '').has(name)).toBe(false);
  });
});
