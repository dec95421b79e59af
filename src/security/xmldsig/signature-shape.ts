// Fail-closed shape checks before any crypto: the expected Signature outline, one oadrSignedObject, the two expected references, pinned algorithms.
import type { XmlElement } from '../../oadr/xml-read.js';
import { C14N_10, SHA256, SIGNATURE_METHODS, SIGNED_OBJECT_ID } from './algorithms.js';
import { SignatureError } from './signature-error.js';
import { checkSignatureOutline } from './signature-outline.js';

export interface SignatureShape {
  /** Id of the ds:Object holding dsp:ReplayProtect. */
  propertyId: string;
  /** ds:SignatureMethod: RSA-SHA256 or ECDSA-SHA256 (the key must then be of that kind). */
  signatureMethod: string;
  /** Base64 DER of the first KeyInfo X509Certificate: the signer. */
  certificate: string;
}

const structure = (reason: string): never => {
  throw new SignatureError('structure', reason);
};
const algorithm = (reason: string): never => {
  throw new SignatureError('algorithm', reason);
};

function walk(el: XmlElement, visit: (e: XmlElement) => void): void {
  visit(el);
  for (const c of el.children) walk(c, visit);
}

// xml-crypto resolves "#x" against any attribute named Id, ID or id in any namespace, so uniqueness is checked the same way.
function idsOf(el: XmlElement): string[] {
  return Object.entries(el.attrs).filter(([name]) => /(^|[:}])(Id|ID|id)$/.test(name)).map(([, v]) => v);
}

const only = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);

function one(el: XmlElement, name: string, where: string): XmlElement {
  const found = only(el, name);
  if (found.length !== 1) structure(`${where} must hold exactly one ${name}, found ${found.length}`);
  return found[0]!;
}

export function checkSignatureShape(root: XmlElement): SignatureShape {
  // 1. envelope: exactly [Signature, oadrSignedObject], and no second copy of either anywhere
  const names = root.children.map((c) => c.name);
  if (root.name !== 'oadr:oadrPayload' || names.length !== 2 || names[0] !== 'ds:Signature' || names[1] !== 'oadr:oadrSignedObject') {
    structure(`oadrPayload must contain exactly ds:Signature then oadrSignedObject, found ${names.slice(0, 4).join(', ') || 'nothing'}`);
  }
  // Nothing beyond the expected outline (one ds:Object, bounded KeyInfo and values), before anything costly.
  checkSignatureOutline(root.children[0]!);
  const counts = new Map<string, number>();
  const ids = new Map<string, XmlElement[]>();
  walk(root, (e) => {
    counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
    for (const id of idsOf(e)) ids.set(id, [...(ids.get(id) ?? []), e]);
  });
  for (const name of ['ds:Signature', 'oadr:oadrSignedObject', 'ds:SignedInfo', 'dsp:ReplayProtect']) {
    if (counts.get(name) !== 1) structure(`the document must contain exactly one ${name}, found ${counts.get(name) ?? 0}`);
  }
  const [signature, signedObject] = root.children as [XmlElement, XmlElement];
  if (ids.get(SIGNED_OBJECT_ID)?.length !== 1 || ids.get(SIGNED_OBJECT_ID)![0] !== signedObject) {
    structure(`exactly one element, the oadrSignedObject, may carry Id="${SIGNED_OBJECT_ID}"`);
  }

  // 2. SignedInfo: C14N 1.0, RSA-SHA256 or ECDSA-SHA256, references #oadrSignedObject then the ReplayProtect object
  const signedInfo = signature.children[0];
  if (signedInfo?.name !== 'ds:SignedInfo') structure('ds:SignedInfo must be the first child of ds:Signature');
  const c14n = one(signedInfo!, 'ds:CanonicalizationMethod', 'ds:SignedInfo').attrs.Algorithm;
  if (c14n !== C14N_10) algorithm(`canonicalization ${c14n ?? '(none)'} is not allowed; use ${C14N_10}`);
  const method = one(signedInfo!, 'ds:SignatureMethod', 'ds:SignedInfo').attrs.Algorithm;
  if (method === undefined || !SIGNATURE_METHODS.includes(method)) algorithm(`signature method ${method ?? '(none)'} is not allowed; use ${SIGNATURE_METHODS.join(' or ')}`);
  const refs = only(signedInfo!, 'ds:Reference');
  if (refs.length !== 2) structure(`ds:SignedInfo must hold exactly two references (payload, ReplayProtect), found ${refs.length}`);
  const uris = refs.map((r) => r.attrs.URI ?? '');
  if (uris[0] !== `#${SIGNED_OBJECT_ID}`) structure(`the first reference must be #${SIGNED_OBJECT_ID}, found "${uris[0]}"`);
  const propertyId = uris[1]!.startsWith('#') ? uris[1]!.slice(1) : structure(`the second reference must point into the signature ("#id"), found "${uris[1]}"`);
  for (const ref of refs) checkReferenceAlgorithms(ref);

  // 3. the property reference is a ds:Object of this Signature holding the ReplayProtect
  const targets = ids.get(propertyId) ?? [];
  const object = targets[0];
  if (targets.length !== 1 || object?.name !== 'ds:Object' || !signature.children.includes(object)) {
    structure(`#${propertyId} must name exactly one ds:Object inside the signature`);
  }
  let holdsReplay = false;
  walk(object!, (e) => { if (e.name === 'dsp:ReplayProtect') holdsReplay = true; });
  if (!holdsReplay) structure(`the signed ds:Object #${propertyId} holds no dsp:ReplayProtect`);

  // 4. the signer certificate
  const keyInfo = only(signature, 'ds:KeyInfo')[0];
  const x509 = keyInfo && only(keyInfo, 'ds:X509Data')[0];
  const cert = x509 && only(x509, 'ds:X509Certificate')[0];
  if (!cert?.text) throw new SignatureError('certificate', 'the signature carries no ds:KeyInfo/ds:X509Data/ds:X509Certificate');
  return { propertyId, signatureMethod: method!, certificate: cert.text.replace(/\s+/g, '') };
}

function checkReferenceAlgorithms(ref: XmlElement): void {
  const transforms = only(ref, 'ds:Transforms')[0];
  const list = transforms ? only(transforms, 'ds:Transform').map((t) => t.attrs.Algorithm) : [];
  if (list.length !== 1 || list[0] !== C14N_10) algorithm(`reference ${ref.attrs.URI ?? ''} must have exactly the transform ${C14N_10}, found ${list.join(', ') || 'none'}`);
  const digest = one(ref, 'ds:DigestMethod', 'ds:Reference').attrs.Algorithm;
  if (digest !== SHA256) algorithm(`digest ${digest ?? '(none)'} is not allowed; use ${SHA256}`);
}
