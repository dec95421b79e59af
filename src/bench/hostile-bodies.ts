// The worst single requests a stranger can send (issue #11, requirements §9), each a fresh body under the
// 1 MiB body limit so the VTN has to read it: size alone must never be what stops it.
import { randomBytes } from 'node:crypto';
import { createPartyRegistrationXml, pollXml } from './xml-bodies.js';

export const MAX_BODY = 1_048_576;

export const HOSTILE_KINDS = ['attributes', 'namespaces', 'signed-padding', 'huge-venName', 'huge-venID', 'deep-nesting', 'entities'] as const;
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** What each kind is, in the words of the report. */
export const KIND_LABELS: Record<HostileKind, string> = {
  attributes: '40,000 attributes on one element',
  namespaces: '6,000 namespace declarations, 30,000 elements in their scope',
  'signed-padding': 'signed registration, 1 MB inside an extra ds:Object',
  'huge-venName': 'refused registration, 900 KB venName',
  'huge-venID': 'poll with a random 900 KB venID',
  'deep-nesting': '100,000 nested elements',
  entities: '200,000 entity and character references',
};

/** Random plain letters: a new name or ID each time, so nothing can be recognised as a repeat. */
export function randomLetters(n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(65 + (bytes[i]! % 26));
  return s;
}

const rid = () => `hostile-${randomLetters(12)}`;

/** A poll whose oadrPoll element carries `count` distinct attributes (~390 KB for 40,000). */
export function manyAttributes(count = 40_000): string {
  let attrs = '';
  for (let i = 0; i < count; i++) attrs += ` a${i.toString(36)}="v"`;
  return pollXml(rid()).replace('<oadr:oadrPoll ', `<oadr:oadrPoll${attrs} `);
}

/** `decls` prefixes declared on the poll, then `elements` empty children that all live in that scope (~357 KB). */
export function manyNamespaces(decls = 6_000, elements = 30_000): string {
  let xmlns = '';
  for (let i = 0; i < decls; i++) xmlns += ` xmlns:n${i}="urn:h:${i}"`;
  const children = '<n1:e/>'.repeat(elements);
  return pollXml(rid()).replace('<oadr:oadrPoll ', `<oadr:oadrPoll${xmlns} `).replace('</oadr:oadrPoll>', `${children}</oadr:oadrPoll>`);
}

/**
 * A registration signed by `sign` (a VEN's key), then padded with an extra, unreferenced ds:Object of small
 * elements up to ~`total` bytes: the signature itself stays valid, the document is as big as allowed.
 */
export function signedPadding(sign: (xml: string) => string, total = 1_040_000): string {
  const signed = sign(createPartyRegistrationXml(rid(), `stranger-${randomLetters(8)}`).replace('<oadr:oadrXmlSignature>false<', '<oadr:oadrXmlSignature>true<'));
  const end = signed.indexOf('</ds:Signature>');
  if (end < 0) throw new Error('the signer produced no ds:Signature');
  const unit = '<ds:p a="1">x</ds:p>';
  const open = '<ds:Object Id="pad">';
  const close = '</ds:Object>';
  const room = total - signed.length - open.length - close.length;
  return `${signed.slice(0, end)}${open}${unit.repeat(Math.max(0, Math.floor(room / unit.length)))}${close}${signed.slice(end)}`;
}

/** A registration from an unknown VEN whose venName is `chars` random letters (refused by the allow-list). */
export function hugeVenName(chars = 900_000): string {
  return createPartyRegistrationXml(rid(), randomLetters(chars));
}

/** A poll for a venID nobody has: `chars` random letters. */
export function hugeVenId(chars = 900_000): string {
  return pollXml(randomLetters(chars));
}

/** `depth` nested unknown elements inside the poll (~700 KB for 100,000). */
export function deepNesting(depth = 100_000): string {
  return pollXml(rid()).replace('</oadr:oadrPoll>', `${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</oadr:oadrPoll>`);
}

/** A venID written as `count` references (&amp; &#65; &#x42; &lt; in turn), ~1 MB of text to expand. */
export function manyEntities(count = 200_000): string {
  const refs = ['&amp;', '&#65;', '&#x42;', '&lt;'];
  let text = '';
  for (let i = 0; i < count; i++) text += refs[i % refs.length];
  const marker = 'ENTITIES';
  return pollXml(marker).replace(`>${marker}<`, `>${text}<`);
}

/** A fresh body of the given kind. */
export function hostileBody(kind: HostileKind, sign: (xml: string) => string): { path: 'EiRegisterParty' | 'OadrPoll'; body: string } {
  switch (kind) {
    case 'attributes': return { path: 'OadrPoll', body: manyAttributes() };
    case 'namespaces': return { path: 'OadrPoll', body: manyNamespaces() };
    case 'signed-padding': return { path: 'EiRegisterParty', body: signedPadding(sign) };
    case 'huge-venName': return { path: 'EiRegisterParty', body: hugeVenName() };
    case 'huge-venID': return { path: 'OadrPoll', body: hugeVenId() };
    case 'deep-nesting': return { path: 'OadrPoll', body: deepNesting() };
    case 'entities': return { path: 'OadrPoll', body: manyEntities() };
  }
}
