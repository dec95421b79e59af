// `vtn clients add` prints the credentials once and stores only a hash; the catalogue refuses duplicates and bad edits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ClientCatalogue } from '../../../src/openadr3/auth/client-catalogue.js';
import { addClient } from '../../../src/openadr3/auth/client-file-edits.js';
import { verifySecret } from '../../../src/openadr3/auth/secret-hash.js';
import { testCertificates, ven } from '../../integration/security/helpers/cert-fixture.js';

const REPO = join(import.meta.dirname, '..', '..', '..');
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

// The CLI runs through tsx in a child process: seconds each on a loaded 2-core machine.
describe('vtn clients', { timeout: 120_000 }, () => {
  it('add prints clientID=… and clientSecret=… on two lines and writes only the hash', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clients-')), 'clients.json');
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'clients', 'add', 'Site 42 battery', '--role', 'ven', '--file', file], { cwd: REPO, encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('clientID=site-42-battery');
    const secret = lines[1]!.replace(/^clientSecret=/, '');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(secret);
    const entry = (JSON.parse(text) as { clients: { clientID: string; role: string; secretHash: string }[] }).clients[0]!;
    expect(entry).toMatchObject({ clientID: 'site-42-battery', role: 'ven' });
    expect(verifySecret(secret, entry.secretHash)).toBe(true);
    expect(verifySecret(`${secret}x`, entry.secretHash)).toBe(false);
  });

  it('add --certificate binds the client to its certificate (a PEM file or a fingerprint); one certificate, one client', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clients-'));
    const file = join(dir, 'clients.json');
    const set = testCertificates();
    const pem = join(dir, 'site.crt');
    writeFileSync(pem, ven(set, 'ven1-rsa').cert);
    const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'clients', ...args, '--file', file], { cwd: REPO, encoding: 'utf8' });
    run('add', 'site-1', '--role', 'ven', '--certificate', pem);
    run('add', 'site-2', '--role', 'ven', '--certificate', ven(set, 'ven2-rsa').fingerprint.toLowerCase());
    const catalogue = new ClientCatalogue(file, quiet);
    expect(catalogue.findByFingerprint(ven(set, 'ven1-rsa').fingerprint)?.clientID).toBe('site-1');
    expect(catalogue.findByFingerprint(ven(set, 'ven2-rsa').fingerprint)?.clientID).toBe('site-2');
    expect(run('list')).toContain(`certificate ${ven(set, 'ven1-rsa').fingerprint}`);
    expect(() => addClient(file, { name: 'site-3', role: 'ven', fingerprint: ven(set, 'ven1-rsa').fingerprint })).toThrow(/certificate .* already/);
  });

  it('refuses a second client with the same clientID and unknown scopes', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clients-')), 'clients.json');
    addClient(file, { name: 'bl', role: 'bl' });
    expect(() => addClient(file, { name: 'bl', role: 'bl' })).toThrow(/has a client "bl" already/);
    expect(() => addClient(file, { name: 'other', role: 'bl', scopes: ['write_everything'] })).toThrow(/Unknown scope write_everything/);
  });

  it('finds a client added to the file at once, and notices a disabled one within a second (not on every request)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clients-')), 'clients.json');
    addClient(file, { name: 'first', role: 'ven' });
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const catalogue = new ClientCatalogue(file, quiet);
      expect(catalogue.find('first')?.clientID).toBe('first');
      // A miss looks at the file again: `vtn clients add` then a token request works straight away.
      addClient(file, { name: 'second', role: 'ven' });
      expect(catalogue.find('second')?.clientID).toBe('second');
      const edited = JSON.parse(readFileSync(file, 'utf8')) as { clients: { clientID: string; disabled?: boolean }[] };
      for (const c of edited.clients) if (c.clientID === 'first') c.disabled = true;
      writeFileSync(file, JSON.stringify(edited, null, 2));
      // A hit trusts the last look for up to a second…
      vi.advanceTimersByTime(500);
      expect(catalogue.find('first')?.clientID).toBe('first');
      // …then the edit is seen.
      vi.advanceTimersByTime(600);
      expect(catalogue.find('first')).toBeUndefined();
      expect(catalogue.find('second')?.clientID).toBe('second');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a per-request check (recent) does not look at the file on a miss: an unknown client costs no stat per request', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clients-')), 'clients.json');
    addClient(file, { name: 'first', role: 'ven' });
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const catalogue = new ClientCatalogue(file, quiet);
      addClient(file, { name: 'second', role: 'ven' });
      // Misses within the second trust the last look (the file is not read again)…
      expect(catalogue.recent('second')).toBeUndefined();
      vi.advanceTimersByTime(500);
      expect(catalogue.recent('second')).toBeUndefined();
      // …and the next look, a second after the last, finds the new client.
      vi.advanceTimersByTime(600);
      expect(catalogue.recent('second')?.clientID).toBe('second');
      expect(catalogue.recent('first')?.clientID).toBe('first');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the last good catalogue when an edit is invalid', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clients-')), 'clients.json');
    const { entry } = addClient(file, { name: 'keeper', role: 'ven' });
    const catalogue = new ClientCatalogue(file, quiet);
    expect(catalogue.find('keeper')?.clientID).toBe(entry.clientID);
    writeFileSync(file, '{"clients": [ {"clientID": "x"} ]}');
    expect(catalogue.find('keeper')?.clientID).toBe('keeper');
    expect(() => new ClientCatalogue(file, quiet)).toThrow(/secretHash/);
  });
});
