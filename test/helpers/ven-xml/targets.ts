// eiTarget-shaped elements (eiTarget, oadrDeviceClass, reportSubject, reportDataSource) in schema order.
import type { NsKey } from './namespaces.js';
import { el, leaf, type XmlNode } from './xml-tree.js';

export interface TargetsInput {
  /** power:endDeviceAsset/power:mrid values (the only kind oadrDeviceClass uses). */
  endDeviceAssets?: string[];
  groupIds?: string[];
  groupNames?: string[];
  resourceIds?: string[];
  venIds?: string[];
  partyIds?: string[];
}

export function targetNode(t: TargetsInput, ns: NsKey = 'ei', name = 'eiTarget'): XmlNode {
  const list = (values: string[] | undefined, local: string): XmlNode[] =>
    (values ?? []).map((v) => leaf('ei', local, v));
  return el(ns, name, [
    (t.endDeviceAssets ?? []).map((m) => el('power', 'endDeviceAsset', [leaf('power', 'mrid', m)])),
    list(t.groupIds, 'groupID'),
    list(t.groupNames, 'groupName'),
    list(t.resourceIds, 'resourceID'),
    list(t.venIds, 'venID'),
    list(t.partyIds, 'partyID'),
  ]);
}
