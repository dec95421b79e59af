// The one ds:Signature outline OpenADR 2.0b signers produce, element by element: what may appear, how often,
// in which order, with which attributes and how much text. Anything else is refused before any crypto, so a
// padded or extended signature costs a walk over a few dozen elements, never xml-crypto's work.
import type { XmlElement } from '../../oadr/xml-read.js';
import { SignatureError } from './signature-error.js';
import { clipText } from '../../clip-text.js';

interface Outline {
  attrs?: readonly string[];
  /** Children in order: [name, min, max]. Absent: no child elements. */
  children?: readonly (readonly [string, number, number])[];
  /** Longest text allowed directly inside (0: none; whitespace is not text). */
  maxText?: number;
}

const ATTRIBUTE_CHARS = 1024;
const BASE64_VALUE = 2048; // RSA-4096 signature: 684 characters; DigestValue: 44
const CERTIFICATE = 16 * 1024; // an RSA-4096 certificate is ~2,000 base64 characters

// KeyInfo and X509Data may be missing here: the certificate check then says what is missing.
const OUTLINES: Record<string, Outline> = {
  'ds:Signature': { attrs: ['Id'], children: [['ds:SignedInfo', 1, 1], ['ds:SignatureValue', 1, 1], ['ds:KeyInfo', 0, 1], ['ds:Object', 1, 1]] },
  'ds:SignedInfo': { attrs: ['Id'], children: [['ds:CanonicalizationMethod', 1, 1], ['ds:SignatureMethod', 1, 1], ['ds:Reference', 2, 2]] },
  'ds:CanonicalizationMethod': { attrs: ['Algorithm'] },
  'ds:SignatureMethod': { attrs: ['Algorithm'] },
  'ds:Reference': { attrs: ['URI', 'Id', 'Type'], children: [['ds:Transforms', 1, 1], ['ds:DigestMethod', 1, 1], ['ds:DigestValue', 1, 1]] },
  'ds:Transforms': { children: [['ds:Transform', 1, 1]] },
  'ds:Transform': { attrs: ['Algorithm'] },
  'ds:DigestMethod': { attrs: ['Algorithm'] },
  'ds:DigestValue': { maxText: BASE64_VALUE },
  'ds:SignatureValue': { attrs: ['Id'], maxText: BASE64_VALUE },
  'ds:KeyInfo': { attrs: ['Id'], children: [['ds:KeyName', 0, 1], ['ds:KeyValue', 0, 1], ['ds:X509Data', 0, 1]] },
  'ds:KeyName': { maxText: ATTRIBUTE_CHARS },
  'ds:KeyValue': { children: [['ds:RSAKeyValue', 0, 1], ['{http://www.w3.org/2009/xmldsig11#}ECKeyValue', 0, 1]] },
  'ds:RSAKeyValue': { children: [['ds:Modulus', 1, 1], ['ds:Exponent', 1, 1]] },
  'ds:Modulus': { maxText: BASE64_VALUE },
  'ds:Exponent': { maxText: 16 },
  '{http://www.w3.org/2009/xmldsig11#}ECKeyValue': { attrs: ['Id'], children: [['{http://www.w3.org/2009/xmldsig11#}NamedCurve', 1, 1], ['{http://www.w3.org/2009/xmldsig11#}PublicKey', 1, 1]] },
  '{http://www.w3.org/2009/xmldsig11#}NamedCurve': { attrs: ['URI'] },
  '{http://www.w3.org/2009/xmldsig11#}PublicKey': { maxText: BASE64_VALUE },
  'ds:X509Data': { children: [['ds:X509IssuerSerial', 0, 1], ['ds:X509SubjectName', 0, 1], ['ds:X509Certificate', 1, 4]] },
  'ds:X509IssuerSerial': { children: [['ds:X509IssuerName', 1, 1], ['ds:X509SerialNumber', 1, 1]] },
  'ds:X509IssuerName': { maxText: ATTRIBUTE_CHARS },
  'ds:X509SerialNumber': { maxText: 64 },
  'ds:X509SubjectName': { maxText: ATTRIBUTE_CHARS },
  'ds:X509Certificate': { maxText: CERTIFICATE },
  'ds:Object': { attrs: ['Id', 'MimeType', 'Encoding'], children: [['ds:SignatureProperties', 1, 1]] },
  'ds:SignatureProperties': { attrs: ['Id'], children: [['ds:SignatureProperty', 1, 1]] },
  'ds:SignatureProperty': { attrs: ['Target', 'Id'], children: [['dsp:ReplayProtect', 1, 1]] },
  'dsp:ReplayProtect': { children: [['dsp:timestamp', 1, 1], ['dsp:nonce', 1, 1]] },
  'dsp:timestamp': { maxText: 64 },
  'dsp:nonce': { maxText: 256 },
};

const refuse = (reason: string): never => {
  throw new SignatureError('structure', reason);
};


/** Throws SignatureError 'structure' unless the ds:Signature subtree has exactly the expected outline. */
export function checkSignatureOutline(element: XmlElement): void {
  const outline = OUTLINES[element.name];
  if (!outline) return refuse(`${clipText(element.name)} is not part of an OpenADR signature`);
  for (const [name, value] of Object.entries(element.attrs)) {
    if (!outline.attrs?.includes(name)) refuse(`${element.name} may not carry the attribute ${clipText(name)}`);
    if (value.length > ATTRIBUTE_CHARS) refuse(`${element.name}/@${name} is ${value.length} characters, over ${ATTRIBUTE_CHARS}`);
  }
  if (element.text.length > (outline.maxText ?? 0)) {
    refuse(outline.maxText ? `${element.name} holds ${element.text.length} characters, over ${outline.maxText}` : `${element.name} may not hold text`);
  }
  let k = 0;
  for (const [name, min, max] of outline.children ?? []) {
    let seen = 0;
    while (element.children[k]?.name === name) {
      seen += 1;
      k += 1;
    }
    if (seen < min || seen > max) refuse(`${element.name} must hold ${min === max ? min : `${min} to ${max}`} ${name}, found ${seen}`);
  }
  const extra = element.children[k];
  if (extra) refuse(`${element.name} may not hold ${clipText(extra.name)} there`);
  for (const child of element.children) checkSignatureOutline(child);
}
