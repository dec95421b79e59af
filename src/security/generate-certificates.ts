// `vtn certs`: a throw-away CA, VTN server certificates (RSA and ECC) and VEN client certificates, made with the openssl CLI.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { VtnError } from '../errors.js';
import { certificateFingerprint } from './fingerprint.js';

export interface CertificateSetOptions {
  /** VEN names; each gets an RSA and an ECC certificate (client, and server of its push endpoints). Default ['ven1', 'ven2']. */
  vens?: string[];
  /** Validity in days; default 365. */
  days?: number;
  /** Names the certificates are valid for as servers; default localhost and 127.0.0.1. */
  hosts?: string[];
  /** Common name of the CA; a second set made with another name is a different, untrusted CA. */
  caName?: string;
}

export interface GeneratedCertificate {
  name: string;
  cert: string;
  key: string;
  fingerprint: string;
}

export interface CertificateSet {
  dir: string;
  ca: { cert: string; key: string };
  vtn: { rsa: GeneratedCertificate; ecc: GeneratedCertificate };
  vens: GeneratedCertificate[];
}

type KeyKind = 'rsa' | 'ecc';
const NEW_KEY: Record<KeyKind, string[]> = {
  rsa: ['-newkey', 'rsa:2048'],
  ecc: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
};

function openssl(args: string[]): void {
  try {
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === 'ENOENT') {
      throw new VtnError('E_CONFIG', 'The openssl command is not installed, so certificates cannot be generated.', 'Install OpenSSL (e.g. apt-get install openssl) or bring your own certificates.');
    }
    throw new VtnError('E_CONFIG', `openssl ${args[0]} failed: ${e.stderr?.toString().trim() || e.message}`);
  }
}

const validName = (n: string) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(n);

export function generateCertificates(dir: string, opts: CertificateSetOptions = {}): CertificateSet {
  const vens = opts.vens ?? ['ven1', 'ven2'];
  const days = String(opts.days ?? 365);
  const hosts = opts.hosts ?? ['localhost', '127.0.0.1'];
  for (const n of vens) if (!validName(n)) throw new VtnError('E_CONFIG', `VEN name "${n}" cannot be a file name.`, 'Use letters, digits, dot, dash and underscore.');
  mkdirSync(dir, { recursive: true });
  const path = (f: string) => join(dir, f);

  // 1. the CA
  openssl(['req', '-x509', ...NEW_KEY.rsa, '-nodes', '-keyout', path('ca.key'), '-out', path('ca.crt'), '-days', days,
    '-subj', `/CN=${opts.caName ?? 'openadr-vtn test CA'}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);

  // 2. leaf certificates signed by it
  const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
  // Both ends serve and call: the VTN is the TLS client of an HTTP push, a push VEN serves its own endpoints.
  const issue = (name: string, kind: KeyKind): GeneratedCertificate => {
    const base = `${name}-${kind}`;
    const ext = path(`${base}.ext`);
    writeFileSync(ext, `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature${kind === 'rsa' ? ',keyEncipherment' : ''}\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=${san}\n`);
    openssl(['req', '-new', ...NEW_KEY[kind], '-nodes', '-keyout', path(`${base}.key`), '-out', path(`${base}.csr`), '-subj', `/CN=${name}`]);
    openssl(['x509', '-req', '-in', path(`${base}.csr`), '-CA', path('ca.crt'), '-CAkey', path('ca.key'),
      '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', days, '-sha256', '-extfile', ext, '-out', path(`${base}.crt`)]);
    rmSync(ext);
    rmSync(path(`${base}.csr`));
    const cert = readFileSync(path(`${base}.crt`), 'utf8');
    return { name: base, cert, key: readFileSync(path(`${base}.key`), 'utf8'), fingerprint: certificateFingerprint(cert) };
  };
  const set: CertificateSet = {
    dir,
    ca: { cert: readFileSync(path('ca.crt'), 'utf8'), key: readFileSync(path('ca.key'), 'utf8') },
    vtn: { rsa: issue('vtn', 'rsa'), ecc: issue('vtn', 'ecc') },
    vens: vens.flatMap((n) => [issue(n, 'rsa'), issue(n, 'ecc')]),
  };
  writeFileSync(path('fingerprints.txt'), [set.vtn.rsa, set.vtn.ecc, ...set.vens].map((c) => `${c.name}.crt ${c.fingerprint}`).join('\n') + '\n');
  return set;
}
