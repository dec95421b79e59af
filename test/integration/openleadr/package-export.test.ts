// `import … from 'openadr-vtn/openleadr'` resolves through package.json "exports" once built, like an installed package.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const CHECK = `
import { OpenADRServer, objects, utils, enable_default_logging } from 'openadr-vtn/openleadr';
import { createVtn } from 'openadr-vtn';
const server = new OpenADRServer({ vtn_id: 'ExportCheck', http_port: 0, vtn_options: { logger: false } });
await server.run();
const reply = await fetch(server.url + '/EiRegisterParty', { method: 'POST', headers: { 'content-type': 'application/xml' },
  body: '<oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"><oadr:oadrSignedObject><oadr:oadrQueryRegistration ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">q1</requestID></oadr:oadrQueryRegistration></oadr:oadrSignedObject></oadr:oadrPayload>' });
const text = await reply.text();
await server.stop();
console.log(JSON.stringify({
  server: typeof OpenADRServer, event: typeof objects.Event, id: utils.generate_id().length, logging: typeof enable_default_logging,
  createVtn: typeof createVtn, status: reply.status, answered: text.includes('oadrCreatedPartyRegistration'),
}));
`;

describe('the openadr-vtn/openleadr package export', () => {
  it('resolves after a build, next to the main export, and serves', { timeout: 180_000 }, () => {
    // A copy of the package inside the repository, so its dependencies resolve from node_modules as when installed.
    const pkg = mkdtempSync(join(ROOT, '.export-check-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', join(pkg, 'dist')], { stdio: 'pipe' });
      copyFileSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
      // The other folders package.json "files" ships (the OpenADR payload schemas among them).
      for (const dir of ['schemas', 'config', 'rules']) symlinkSync(join(ROOT, dir), join(pkg, dir));
      expect(existsSync(join(pkg, 'dist', 'openleadr', 'index.d.ts'))).toBe(true);
      writeFileSync(join(pkg, 'check.mjs'), CHECK);
      const out = execFileSync(process.execPath, [join(pkg, 'check.mjs')], { cwd: pkg, encoding: 'utf8' });
      expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({
        server: 'function', event: 'function', id: 36, logging: 'function', createVtn: 'function', status: 200, answered: true,
      });
    } finally {
      rmSync(pkg, { recursive: true, force: true });
    }
  });
});
