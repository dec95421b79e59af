// Wraps one payload element in oadrPayload/oadrSignedObject, the frame every 2.0b message travels in.
import type { Style } from './namespaces.js';
import { serializeTree } from './serialize-tree.js';
import { el, type XmlNode } from './xml-tree.js';

export function payloadDocument(payload: XmlNode, style: Style = 'standard'): string {
  const versioned: XmlNode = { ...payload, attrs: [...payload.attrs, { ns: 'ei', name: 'schemaVersion', value: '2.0b' }] };
  // The schema qualifies this attribute (attributeFormDefault="qualified"), hence oadr:Id, not Id.
  const signed = el('oadr', 'oadrSignedObject', [versioned], [{ ns: 'oadr', name: 'Id', value: 'oadrSignedObject' }]);
  return serializeTree(el('oadr', 'oadrPayload', [signed]), style);
}
