// `vtn fingerprint <cert.pem>`: the VEN identity OpenADR parties exchange (last 10 bytes of the SHA-256, AA:BB:…).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { VtnError } from '../errors.js';
import { certificateFingerprint } from '../security/fingerprint.js';

export function fingerprintOfFile(path: string): string {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (err) {
    throw new VtnError('E_CONFIG', `Cannot read ${path}: ${(err as Error).message}.`, 'Give the path of the VEN\'s certificate file (PEM or DER).');
  }
  return certificateFingerprint(data);
}

export function registerFingerprintCommand(program: Command): void {
  program
    .command('fingerprint')
    .description('print the OpenADR fingerprint of a certificate (PEM or DER)')
    .argument('<cert>', 'certificate file')
    .action((cert: string) => {
      console.log(fingerprintOfFile(cert));
    });
}
