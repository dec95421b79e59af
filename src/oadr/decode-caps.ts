// One walk over a payload's tree enforcing decode-limits.ts: text and attribute sizes, name sizes, per-message counts.
import { clipText } from '../clip-text.js';
import { COUNT_CAPS, COUNT_SLOTS, MAX_ID_CHARS, MAX_XML_NAME_CHARS, OTHER_TEXT_CAP, TEXT_CAPS } from './decode-limits.js';
import { PayloadFieldError } from './wire-error.js';
import type { XmlElement } from './xml-read.js';

/** Ancestors of `target` below `root` (root first), or undefined; only run once a refusal needs the path. */
function chainTo(root: XmlElement, target: XmlElement): XmlElement[] | undefined {
  if (root === target) return [root];
  for (const child of root.children) {
    const below = chainTo(child, target);
    if (below) return [root, ...below];
  }
  return undefined;
}

/** Path of `element` below the payload, json-form style (`oadr:oadrReport[1]/ei:rID`), names clipped. */
function pathOf(payload: XmlElement, element: XmlElement): string {
  const chain = chainTo(payload, element) ?? [element];
  // The payload element itself is named; anything below it gets a json-form path like the other refusals.
  if (chain.length === 1) return clipText(element.name);
  const parts: string[] = [];
  for (let i = 1; i < chain.length; i += 1) {
    const parent = chain[i - 1]!, child = chain[i]!;
    const same = parent.children.filter((c) => c.name === child.name);
    const name = clipText(child.name);
    parts.push(same.length > 1 ? `${name}[${same.indexOf(child)}]` : name);
  }
  return parts.join('/');
}

const tooLong = (what: string, length: number, kind: string, max: number): string =>
  `${what}is ${length} characters long; ${kind} may have at most ${max} (send a shorter value)`;

/** The first problem of one element (its own name, text and attributes), or undefined. */
function sizeProblem(element: XmlElement): string | undefined {
  if (element.name.length > MAX_XML_NAME_CHARS) return tooLong('element name ', element.name.length, 'element names', MAX_XML_NAME_CHARS);
  const cap = TEXT_CAPS.get(element.name) ?? OTHER_TEXT_CAP;
  if (element.text.length > cap.max) return tooLong('', element.text.length, cap.kind, cap.max);
  for (const attr in element.attrs) {
    if (attr.length > MAX_XML_NAME_CHARS) return tooLong('an attribute name ', attr.length, 'attribute names', MAX_XML_NAME_CHARS);
    const value = element.attrs[attr]!;
    if (value.length > OTHER_TEXT_CAP.max) return tooLong(`attribute ${clipText(attr)} `, value.length, OTHER_TEXT_CAP.kind, OTHER_TEXT_CAP.max);
  }
  return undefined;
}

// Below every cap whatever the field: most elements need no cap lookup at all.
const SMALLEST_CAP = Math.min(MAX_ID_CHARS, MAX_XML_NAME_CHARS, OTHER_TEXT_CAP.max);

function mayBeOver(element: XmlElement): boolean {
  if (element.name.length > SMALLEST_CAP || element.text.length > SMALLEST_CAP) return true;
  for (const attr in element.attrs) if (attr.length > SMALLEST_CAP || element.attrs[attr]!.length > SMALLEST_CAP) return true;
  return false;
}

function visit(payload: XmlElement, element: XmlElement, counts: Uint32Array): void {
  if (mayBeOver(element)) {
    const problem = sizeProblem(element);
    if (problem) throw new PayloadFieldError(`/${pathOf(payload, element)}`, problem);
  }
  const counted = COUNT_CAPS.get(element.name);
  if (counted && ++counts[counted.slot]! > counted.max) {
    const why = `is one of more than ${counted.max} ${counted.what}; a message may carry at most ${counted.max} (split it into several messages)`;
    throw new PayloadFieldError(`/${pathOf(payload, element)}`, why);
  }
  for (const child of element.children) visit(payload, child, counts);
}

/** Throws PayloadFieldError at the first value, name or count over its cap; linear in the tree. */
export function checkDecodeCaps(payload: XmlElement): void {
  visit(payload, payload, new Uint32Array(COUNT_SLOTS));
}
