// A tiny namespace-aware element tree: templates build it, serialize-tree.ts writes it in a style.
import type { NsKey } from './namespaces.js';

export interface XmlAttr {
  /** Absent for unqualified attributes. */
  ns?: NsKey;
  name: string;
  value: string;
}

export interface XmlNode {
  ns: NsKey;
  name: string;
  attrs: XmlAttr[];
  children: Array<XmlNode | string>;
}

/** Children may include undefined/false for optional parts and nested arrays for repeated parts. */
export type ChildInput = XmlNode | string | undefined | false | null | ChildInput[];

function flatten(input: ChildInput[], out: Array<XmlNode | string>): Array<XmlNode | string> {
  for (const c of input) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) flatten(c, out);
    else out.push(c);
  }
  return out;
}

export function el(ns: NsKey, name: string, children: ChildInput[] = [], attrs: XmlAttr[] = []): XmlNode {
  return { ns, name, attrs, children: flatten(children, []) };
}

/** An element holding only text. Numbers and booleans are written with String(). */
export function leaf(ns: NsKey, name: string, value: string | number | boolean): XmlNode {
  return el(ns, name, [String(value)]);
}

/** Builds the element only when the value is present. */
export function maybe<T>(value: T | undefined, build: (v: T) => XmlNode): XmlNode | undefined {
  return value === undefined ? undefined : build(value);
}
