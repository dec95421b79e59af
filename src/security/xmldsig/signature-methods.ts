// RSA-SHA256 and ECDSA-SHA256 (P-256) for xml-crypto, which ships no ECDSA; callers match the method to the key first.
import { sign, verify, type BinaryLike, type KeyLike, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithm } from 'xml-crypto';
import { xmlCrypto } from './xml-crypto-module.js';
import { ECDSA_SHA256, RSA_SHA256 } from './algorithms.js';

/** The signature method a key may sign or verify with; undefined for any other key (DSA, Ed25519, P-384, …). */
export function signatureMethodFor(key: KeyObject): string | undefined {
  if (key.asymmetricKeyType === 'rsa') return RSA_SHA256;
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return ECDSA_SHA256;
  return undefined;
}

/** "rsa", "ec prime256v1", "ed25519", …: for error messages. */
export function describeKey(key: KeyObject): string {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  return `${key.asymmetricKeyType ?? 'unknown'}${curve ? ` ${curve}` : ''}`;
}

const toBytes = (data: BinaryLike): Buffer | NodeJS.ArrayBufferView => (typeof data === 'string' ? Buffer.from(data, 'utf8') : data);

// XML-DSig ECDSA values are r||s (RFC 4050), which Node calls IEEE P1363; its default would be DER.
const OPTIONS = { [RSA_SHA256]: {}, [ECDSA_SHA256]: { dsaEncoding: 'ieee-p1363' as const } };

function algorithmClass(uri: typeof RSA_SHA256 | typeof ECDSA_SHA256): new () => SignatureAlgorithm {
  return class implements SignatureAlgorithm {
    getSignature = xmlCrypto().createOptionalCallbackFunction((signedInfo: BinaryLike, privateKey: KeyLike): string => {
      return sign('sha256', toBytes(signedInfo), { key: privateKey, ...OPTIONS[uri] } as Parameters<typeof sign>[2]).toString('base64');
    });

    verifySignature = xmlCrypto().createOptionalCallbackFunction((material: string, key: KeyLike, signatureValue: string): boolean => {
      return verify('sha256', Buffer.from(material, 'utf8'), { key, ...OPTIONS[uri] } as Parameters<typeof verify>[2], Buffer.from(signatureValue, 'base64'));
    });

    getAlgorithmName = () => uri;
  };
}

/** A SignedXml.SignatureAlgorithms table holding only `uri`, so nothing else can be negotiated by the document. */
export function onlySignatureMethod(uri: string): Record<string, new () => SignatureAlgorithm> {
  if (uri !== RSA_SHA256 && uri !== ECDSA_SHA256) throw new Error(`unsupported signature method ${uri}`);
  return { [uri]: algorithmClass(uri) };
}
