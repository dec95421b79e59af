// One certificate set per test process (openssl takes ~1 s), plus a second CA the VTN does not trust.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCertificates, type CertificateSet } from '../../../../src/security/generate-certificates.js';

let trusted: CertificateSet | undefined;
let rogue: CertificateSet | undefined;

export function testCertificates(): CertificateSet {
  trusted ??= generateCertificates(mkdtempSync(join(tmpdir(), 'vtn-certs-')), { vens: ['ven1', 'ven2'], days: 2 });
  return trusted;
}

/** Same names, different CA: every certificate in it must be refused. */
export function rogueCertificates(): CertificateSet {
  rogue ??= generateCertificates(mkdtempSync(join(tmpdir(), 'vtn-rogue-')), { vens: ['ven1'], days: 2, caName: 'rogue CA' });
  return rogue;
}

export function ven(set: CertificateSet, name: string) {
  const found = set.vens.find((v) => v.name === name);
  if (!found) throw new Error(`no test certificate ${name}`);
  return found;
}

/** VtnOptions.tls serving both the RSA and the ECC VTN certificate. */
export function tlsOptions(set: CertificateSet) {
  return { cert: [set.vtn.rsa.cert, set.vtn.ecc.cert], key: [set.vtn.rsa.key, set.vtn.ecc.key], ca: set.ca.cert };
}
