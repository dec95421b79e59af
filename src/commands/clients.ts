// `vtn clients add|list|remove`: the OpenADR 3 client catalogue (config/clients.json). A secret is printed once only.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { VtnError } from '../errors.js';
import { certificateFingerprint, normaliseFingerprint } from '../security/fingerprint.js';
import { readPem } from '../security/pem-source.js';
import { addClient, readClientFile, removeClient } from '../openadr3/auth/client-file-edits.js';
import type { ClientRole } from '../openadr3/auth/scopes.js';

const DEFAULT_FILE = 'config/clients.json';

export function registerClientsCommand(program: Command): void {
  const clients = program.command('clients').description('OpenADR 3.1 clients that may get a token (config/clients.json)');
  clients
    .command('add')
    .description('add a client; prints clientID=… and clientSecret=… (the secret only this once)')
    .argument('<name>', 'a name for the operator, e.g. the site or system')
    .requiredOption('--role <role>', 'ven or bl (business logic)')
    .option('--client-id <id>', 'clientID (default: from the name)')
    .option('--scope <scope...>', 'scopes instead of the role\'s defaults')
    .option('--certificate <file>', 'the client\'s certificate (PEM) or its fingerprint: over mutual TLS it identifies the client, and its tokens count only with it')
    .option('--file <path>', 'catalogue file', DEFAULT_FILE)
    .action((name: string, flags: { role: string; clientId?: string; scope?: string[]; certificate?: string; file: string }) => {
      if (flags.role !== 'ven' && flags.role !== 'bl') throw new VtnError('E_CONFIG', `--role must be ven or bl, got "${flags.role}".`);
      const { entry, secret } = addClient(resolve(flags.file), { name, role: flags.role as ClientRole, ...(flags.clientId ? { clientID: flags.clientId } : {}), ...(flags.scope ? { scopes: flags.scope } : {}), ...(flags.certificate ? { fingerprint: fingerprintOf(flags.certificate) } : {}) });
      console.log(`clientID=${entry.clientID}`);
      console.log(`clientSecret=${secret}`);
    });
  clients
    .command('list')
    .description('list the clients (never their secrets)')
    .option('--file <path>', 'catalogue file', DEFAULT_FILE)
    .action((flags: { file: string }) => {
      for (const c of readClientFile(resolve(flags.file)).clients) {
        console.log(`${c.clientID}\t${c.role}\t${c.name}${c.disabled ? '\tdisabled' : ''}${c.scopes ? `\t${c.scopes.join(' ')}` : ''}${c.fingerprint ? `\tcertificate ${c.fingerprint}` : ''}`);
      }
    });
  clients
    .command('remove')
    .description('remove a client (its tokens stay valid until they expire)')
    .argument('<clientID>')
    .option('--file <path>', 'catalogue file', DEFAULT_FILE)
    .action((clientID: string, flags: { file: string }) => removeClient(resolve(flags.file), clientID));
}

/** A fingerprint as given, or the fingerprint of a certificate file. */
function fingerprintOf(certificate: string): string {
  return normaliseFingerprint(certificate) ?? certificateFingerprint(readPem(certificate, '--certificate'));
}
