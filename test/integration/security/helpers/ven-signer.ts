// The VEN side of XML signatures for tests, written against xml-crypto directly (not the VTN's signer).
import { createPrivateKey, createPublicKey, createSign, createVerify, randomUUID, type KeyLike } from 'node:crypto';
import { SignedXml, type SignatureAlgorithm } from 'xml-crypto';

const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';
const DSP = 'http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties';

export interface VenSignOptions {
  cert: string;
  key: string;
  timestamp?: Date;
  nonce?: string;
  /** Weak or foreign algorithms, to test that the VTN refuses them. */
  digest?: 'sha256' | 'sha1';
  /** Default: rsa-sha256 for an RSA key, ecdsa-sha256 for an EC key. */
  method?: 'rsa-sha256' | 'rsa-sha1' | 'ecdsa-sha256';
  /** ECDSA value encoding: r||s as XML-DSig requires (default), or DER, a common interoperability mistake. */
  ecdsaEncoding?: 'ieee-p1363' | 'der';
  c14n?: 'c14n' | 'exc-c14n';
  /** Leave out the ReplayProtect reference. */
  payloadOnly?: boolean;
}

// ECDSA-SHA256 as a VEN would add it to xml-crypto (which has none), via createSign rather than the VTN's crypto.sign path.
function ecdsaSha256(encoding: 'ieee-p1363' | 'der'): new () => SignatureAlgorithm {
  return class implements SignatureAlgorithm {
    getSignature(signedInfo: string | NodeJS.ArrayBufferView, key: KeyLike): string;
    getSignature(signedInfo: string | NodeJS.ArrayBufferView, key: KeyLike, callback?: (err: Error | null, value?: string) => void): void;
    getSignature(signedInfo: string | NodeJS.ArrayBufferView, key: KeyLike): string | void {
      return createSign('SHA256').update(signedInfo).sign({ key: createPrivateKey(key as string | Buffer), dsaEncoding: encoding }, 'base64');
    }
    verifySignature(material: string, key: KeyLike, value: string): boolean;
    verifySignature(material: string, key: KeyLike, value: string, callback?: (err: Error | null, ok?: boolean) => void): void;
    verifySignature(material: string, key: KeyLike, value: string): boolean | void {
      return createVerify('SHA256').update(material).verify({ key: createPublicKey(key as string | Buffer), dsaEncoding: 'ieee-p1363' }, value, 'base64');
    }
    getAlgorithmName() {
      return ECDSA_SHA256;
    }
  };
}

const methodUri = (o: VenSignOptions): string => {
  const method = o.method ?? (createPrivateKey(o.key).asymmetricKeyType === 'ec' ? 'ecdsa-sha256' : 'rsa-sha256');
  return { 'rsa-sha256': RSA_SHA256, 'rsa-sha1': RSA_SHA1, 'ecdsa-sha256': ECDSA_SHA256 }[method];
};

/** Signs a VEN document that uses prefixed namespaces declared on the root (the test VEN's standard style). */
export function signAsVen(xml: string, o: VenSignOptions): string {
  const root = /<([\w.-]+:)?oadrPayload\b[^>]*>/.exec(xml)?.[0] ?? '';
  const prefixes: Record<string, string> = {};
  for (const m of root.matchAll(/xmlns:([\w.-]+)="([^"]*)"/g)) prefixes[m[1]!] = m[2]!;
  const c14n = o.c14n === 'exc-c14n' ? EXC_C14N : C14N;
  const digest = o.digest === 'sha1' ? SHA1 : SHA256;
  const stamp = (o.timestamp ?? new Date()).toISOString();
  const props = `<ds:SignatureProperties><ds:SignatureProperty Target=""><dsp:ReplayProtect xmlns:dsp="${DSP}">`
    + `<dsp:timestamp>${stamp}</dsp:timestamp><dsp:nonce>${o.nonce ?? randomUUID()}</dsp:nonce></dsp:ReplayProtect></ds:SignatureProperty></ds:SignatureProperties>`;
  const sig = new SignedXml({
    privateKey: o.key,
    publicCert: o.cert,
    signatureAlgorithm: methodUri(o),
    canonicalizationAlgorithm: c14n,
    objects: [{ attributes: { Id: 'prop' }, content: props }],
  });
  sig.SignatureAlgorithms[ECDSA_SHA256] = ecdsaSha256(o.ecdsaEncoding ?? 'ieee-p1363');
  sig.addReference({ xpath: "//*[local-name(.)='oadrSignedObject']", transforms: [c14n], digestAlgorithm: digest, uri: '#oadrSignedObject' });
  if (!o.payloadOnly) sig.addReference({ xpath: "//*[local-name(.)='Object']", transforms: [c14n], digestAlgorithm: digest, uri: '#prop' });
  sig.computeSignature(xml, { prefix: 'ds', existingPrefixes: prefixes, location: { reference: '/*', action: 'prepend' } });
  return sig.getSignedXml();
}

/** Checks a VTN reply's signature with the VTN certificate; returns the verified references' canonical XML. */
export function verifyAsVen(xml: string, vtnCert: string): string[] {
  const v = new SignedXml({ publicCert: vtnCert });
  v.SignatureAlgorithms[ECDSA_SHA256] = ecdsaSha256('ieee-p1363');
  const start = xml.indexOf('<ds:Signature');
  const end = xml.indexOf('</ds:Signature>') + '</ds:Signature>'.length;
  if (start < 0) throw new Error('reply is not signed');
  v.loadSignature(xml.slice(start, end));
  if (!v.checkSignature(xml)) throw new Error('reply signature does not verify');
  return v.getSignedReferences();
}
