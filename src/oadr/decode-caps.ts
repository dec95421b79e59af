// One walk over a payload's tree enforcing decode-limits.ts: text and attribute sizes, name sizes, per-message counts.
import { clipText } from '../clip-text.js';
import { COUNT_CAPS, MAX_XML_NAME_CHARS, OTHER_TEXT_CAP, TEXT_CAPS, type CountCap } from './decode-limits.js';
import { PayloadFieldError } from './wire-error.js';
import type { XmlElement } from './xml-read.js';

/** Path of `element` below the payload, json-form style (`oadr:oadrReport[1]/ei:rID`), names clipped. */
function pathOf(stack: XmlElement[], element: XmlElement): string {
  const parts: string[] = [];
  const chain = [...stack, element];
  for (let i = 1; i < chain.length; i += 1) {
    const parent = chain[i - 1]!, child = chain[i]!;
    const same = parent.children.filter((c) => c.name === child.name);
    const name = clipText(child.name);
    parts.push(same.length > 1 ? `${name}[${same.indexOf(child)}]` : name);
  }
  return parts.join('/');
}

function refuse(stack: XmlElement[], element: XmlElement, problem: string): never {
  // The payload element itself is named; anything below it gets a json-form path like the other refusals.
  const path = stack.length === 0 ? clipText(element.name) : pathOf(stack, element);
  throw new PayloadFieldError(`/${path}`, problem);
}

const tooLong = (what: string, length: number, kind: string, max: number): string =>
  `${what}is ${length} characters long; ${kind} may have at most ${max} (send a shorter value)`;

/** Throws PayloadFieldError at the first value, name or count over its cap; linear in the tree. */
export function checkDecodeCaps(payload: XmlElement): void {
  const counts = new Map<CountCap, number>();
  const stack: XmlElement[] = [];
  const visit = (element: XmlElement): void => {
    if (element.name.length > MAX_XML_NAME_CHARS) {
      refuse(stack, element, tooLong('element name ', element.name.length, 'element names', MAX_XML_NAME_CHARS));
    }
    const cap = TEXT_CAPS.get(element.name) ?? OTHER_TEXT_CAP;
    if (element.text.length > cap.max) refuse(stack, element, tooLong('', element.text.length, cap.kind, cap.max));
    for (const attr in element.attrs) {
      if (attr.length > MAX_XML_NAME_CHARS) refuse(stack, element, tooLong('an attribute name ', attr.length, 'attribute names', MAX_XML_NAME_CHARS));
      const value = element.attrs[attr]!;
      if (value.length > OTHER_TEXT_CAP.max) refuse(stack, element, tooLong(`attribute ${clipText(attr)} `, value.length, OTHER_TEXT_CAP.kind, OTHER_TEXT_CAP.max));
    }
    const counted = COUNT_CAPS.get(element.name);
    if (counted) {
      const n = (counts.get(counted) ?? 0) + 1;
      if (n > counted.max) refuse(stack, element, `is one of more than ${counted.max} ${counted.what}; a message may carry at most ${counted.max} (split it into several messages)`);
      counts.set(counted, n);
    }
    if (element.children.length === 0) return;
    stack.push(element);
    for (const child of element.children) visit(child);
    stack.pop();
  };
  visit(payload);
}
