// `vtn certs <dir>`: a test CA, VTN certificates (RSA + ECC) and VEN client certificates for trying mutual TLS locally.
import type { Command } from 'commander';
import { VtnError } from '../errors.js';
import { generateCertificates, type CertificateSet } from '../security/generate-certificates.js';

interface CertsFlags {
  ven: string[];
  days: string;
  host: string[];
}

export function certificateSummary(set: CertificateSet): string {
  const lines = [
    `CA:  ${set.dir}/ca.crt (keep ca.key private; it signs every certificate below)`,
    `VTN: ${set.dir}/vtn-rsa.crt, ${set.dir}/vtn-ecc.crt (with .key files)`,
    ...set.vens.map((v) => `VEN: ${set.dir}/${v.name}.crt  fingerprint ${v.fingerprint}`),
    'These are for testing only. Point config/vtn.tls.json at this folder (it expects ./certs).',
  ];
  return lines.join('\n');
}

export function registerCertsCommand(program: Command): void {
  program
    .command('certs')
    .description('generate a test CA, VTN certificates (RSA and ECC) and VEN certificates with openssl')
    .argument('<dir>', 'output folder (created if missing)')
    .option('--ven <name...>', 'VEN names (each gets an RSA and an ECC certificate)', ['ven1', 'ven2'])
    .option('--days <n>', 'validity in days', '365')
    .option('--host <name...>', 'names the VTN certificate is valid for', ['localhost', '127.0.0.1'])
    .action((dir: string, flags: CertsFlags) => {
      const days = Number(flags.days);
      if (!Number.isInteger(days) || days < 1) throw new VtnError('E_CONFIG', `--days must be a positive whole number, got "${flags.days}".`);
      console.log(certificateSummary(generateCertificates(dir, { vens: flags.ven, days, hosts: flags.host })));
    });
}
