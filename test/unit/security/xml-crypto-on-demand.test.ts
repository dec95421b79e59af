// xml-crypto is start-up weight most VTNs never use: a VTN without signing registers and polls VENs without
// loading it, and the first signature made (or checked) loads it then.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeOadrPayload } from '../../../src/oadr/index.js';
import { createPayloadSigner } from '../../../src/security/xmldsig/sign-payload.js';
import { verifySignedPayload } from '../../../src/security/xmldsig/verify-payload.js';
import { xmlCryptoLoaded } from '../../../src/security/xmldsig/xml-crypto-module.js';
import { setup } from '../../integration/fixture.js';
import { testCertificates } from '../../integration/security/helpers/cert-fixture.js';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');
const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

describe('xml-crypto on demand', () => {
  it('is imported by no source file but its loader (type imports aside)', () => {
    const importers = sources(SRC).filter((f) => /^import (?!type )[^;]*from '(xml-crypto|@xmldom\/xmldom|xpath)'/m.test(readFileSync(f, 'utf8')));
    expect(importers).toEqual([]);
  });

  it('is not loaded by a VTN that signs nothing, and is loaded by the first signature', async () => {
    const vtn = await setup({ openEnrollment: true });
    const ven = await vtn.registeredVen();
    expect((await ven.poll()).type).toBe('oadrResponse');
    expect(xmlCryptoLoaded()).toBe(false);

    const rsa = testCertificates().vtn.rsa;
    const signed = createPayloadSigner({ cert: rsa.cert, key: rsa.key })(encodeOadrPayload({ type: 'oadrPoll', venId: 'ven-1' }));
    expect(xmlCryptoLoaded()).toBe(true);
    expect(verifySignedPayload(signed, { expectedFingerprint: rsa.fingerprint }).signerFingerprint).toBe(rsa.fingerprint);
  });
});
