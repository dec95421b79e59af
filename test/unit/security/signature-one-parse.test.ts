// The shape check and xml-crypto read one parse of a signed document, and anything beyond the expected
// OpenADR signature outline is refused before certificate parsing or crypto.
import { describe, expect, it } from 'vitest';
import { decodeOadrPayload, encodeOadrPayload } from '../../../src/oadr/index.js';
import { InboundSignatures } from '../../../src/security/inbound-signature.js';
import { ReplayGuard } from '../../../src/security/replay-guard.js';
import { readSignedXml } from '../../../src/security/xmldsig/signed-parse.js';
import { verifySignedPayload } from '../../../src/security/xmldsig/verify-payload.js';
import { testCertificates } from '../../integration/security/helpers/cert-fixture.js';
import { signAsVen } from '../../integration/security/helpers/ven-signer.js';
import { failureOf } from './failure-of.js';

const certs = testCertificates();
const v1 = certs.vens.find((v) => v.name === 'ven1-rsa')!;
const v2 = certs.vens.find((v) => v.name === 'ven2-rsa')!;
const MiB = 1024 * 1024;
const poll = (venId = 'ven-1') => encodeOadrPayload({ type: 'oadrPoll', venId });
const signed = (o: { nonce?: string; key?: typeof v1 } = {}) =>
  signAsVen(poll(), { cert: (o.key ?? v1).cert, key: (o.key ?? v1).key, timestamp: new Date(), nonce: o.nonce ?? 'n-1' });
const SIGNATURE_START = '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">';

const verify = (xml: string) => verifySignedPayload(xml, { expectedFingerprint: v1.fingerprint, maxBytes: 2 * MiB });
const insertAt = (xml: string, marker: string, piece: string) => xml.replace(marker, `${piece}${marker}`);

describe('one parse for the shape check and the verifier', () => {
  it('a message signed by a VEN (xml-crypto on its side) still verifies', () => {
    const v = verify(signed());
    expect(v.signerFingerprint).toBe(v1.fingerprint);
    expect(decodeOadrPayload(v.payloadXml).message).toEqual({ type: 'oadrPoll', venId: 'ven-1' });
  });

  it('"<!-->" opening a comment that hides a second ds:Signature is a comment for the verifier too', () => {
    // A text scanner that looks for "-->" from the "<" takes "<!-->" as a whole comment and would hand
    // xml-crypto the hidden (other VEN's) signature; our reader and the re-written document agree it is a comment.
    const other = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed({ key: v2, nonce: 'n-2' }))![0];
    const xml = insertAt(signed(), SIGNATURE_START, `<!-->${other.replace(/--/g, '')}-->`);
    expect(verify(xml).nonce).toBe('n-1');
    const { document, signature } = readSignedXml(xml).rewritten();
    expect(document).not.toContain('<!--');
    expect(signature.startsWith('<ds:Signature')).toBe(true);
    expect(signature).not.toContain(v2.cert.split('\n')[1]!.slice(0, 40));
  });

  it('a comment that hides the real signature leaves the message unsigned to both', () => {
    const xml = signed().replace(SIGNATURE_START, `<!-->${SIGNATURE_START}`).replace('</ds:Signature>', '</ds:Signature>-->');
    expect(failureOf(() => verify(xml))).toBe('structure');
  });

  it('comments, PIs and CDATA inside and around ds:Signature verify as C14N reads them', () => {
    const base = signed();
    const withComments = insertAt(insertAt(base, '<ds:SignedInfo>', '<!-- before SignedInfo -->'), '<ds:Reference URI="#prop">', '<!-- inside -->');
    expect(verify(withComments).nonce).toBe('n-1');
    const cdataValue = base.replace(/<ds:SignatureValue>([^<]+)<\/ds:SignatureValue>/, '<ds:SignatureValue><![CDATA[$1]]></ds:SignatureValue>');
    expect(verify(cdataValue).nonce).toBe('n-1');
    expect(verify(insertAt(base, SIGNATURE_START, '<?vendor note?><!-- c -->')).nonce).toBe('n-1');
    // A PI inside signed content is part of C14N: inserting one breaks the digest, as it should.
    expect(failureOf(() => verify(insertAt(base, '<ds:SignatureProperties>', '<?inserted?>')))).toBe('invalid');
  });
});

describe('signed documents outside the expected shape are refused before expensive work', () => {
  const refusedFast = (xml: string, failure = 'structure') => {
    const t = performance.now();
    expect(failureOf(() => verify(xml))).toBe(failure);
    return performance.now() - t;
  };

  it('a 1 MB signed registration padded inside an extra ds:Object is refused as structure, quickly', () => {
    const padding = `<ds:Object Id="pad">${'<x>padding</x>'.repeat(70_000)}</ds:Object>`;
    const xml = signed().replace('</ds:Signature>', `${padding}</ds:Signature>`);
    expect(xml.length).toBeGreaterThan(MiB * 0.9);
    expect(refusedFast(xml)).toBeLessThan(1000);
  });

  it.each([
    ['an unknown child of KeyInfo', (x: string) => insertAt(x, '<ds:X509Data>', '<ds:RetrievalMethod URI="http://x"/>')],
    ['a second X509Data', (x: string) => insertAt(x, '</ds:KeyInfo>', '<ds:X509Data><ds:X509Certificate>AA==</ds:X509Certificate></ds:X509Data>')],
    ['a 100 KB SignatureValue', (x: string) => x.replace('<ds:SignatureValue>', `<ds:SignatureValue>${'A'.repeat(100_000)}`)],
    ['a 100 KB certificate', (x: string) => x.replace('<ds:X509Certificate>', `<ds:X509Certificate>${'A'.repeat(100_000)}`)],
    ['an unexpected attribute', (x: string) => x.replace('<ds:SignedInfo>', '<ds:SignedInfo foo="bar">')],
    ['text inside SignedInfo', (x: string) => insertAt(x, '<ds:CanonicalizationMethod', 'stray text')],
    ['a third reference', (x: string) => x.replace(/(<ds:Reference URI="#prop">[\s\S]*?<\/ds:Reference>)/, '$1$1')],
    ['an element of another namespace inside the ReplayProtect', (x: string) => insertAt(x, '<dsp:nonce>', '<z:pad xmlns:z="urn:z"/>')],
    ['900 KB of whitespace inside the Signature', (x: string) => insertAt(x, '<ds:SignatureValue>', ' '.repeat(900_000))],
  ])('%s is refused as structure', (_what, change) => {
    expect(refusedFast(change(signed()))).toBeLessThan(1000);
  });

  it('the worst padded signed 1 MiB documents cost milliseconds end to end (decode + check), each with its outcome', () => {
    const sender = { xmlSignature: true, fingerprint: v1.fingerprint };
    const cases: [string, string, string | RegExp][] = [
      // The decoder itself (no SignatureError: "unexpected") stops at the 65th element inside ds:Signature.
      ['extra ds:Object', signed().replace('</ds:Signature>', `<ds:Object Id="pad">${'<x>padding</x>'.repeat(74_000)}</ds:Object></ds:Signature>`), /^unexpected the ds:Signature holds more than 64 elements/],
      ['padded KeyInfo', insertAt(signed(), '</ds:KeyInfo>', `<ds:KeyName>${'k'.repeat(MiB - 6000)}</ds:KeyName>`), 'structure'],
      // C14N drops comments, so the signature still verifies.
      ['comments in the Signature', insertAt(signed(), '<ds:SignedInfo>', '<!-- c -->'.repeat(100_000)), 'accepted'],
    ];
    for (const [what, xml, expected] of cases) {
      expect(xml.length, what).toBeLessThanOrEqual(MiB);
      let best = Infinity;
      for (let run = 0; run < 3; run += 1) {
        // A fresh replay guard each run: the same signed nonce is sent three times.
        const inbound = new InboundSignatures(new ReplayGuard({ windowMs: 60_000, maxEntries: 100, now: () => new Date() }), 2 * MiB);
        const t = performance.now();
        const outcome = failureOf(() => inbound.check(xml, decodeOadrPayload(xml, { maxBytes: 2 * MiB }), sender, undefined)) ?? 'accepted';
        best = Math.min(best, performance.now() - t);
        if (typeof expected === 'string') expect(outcome, what).toBe(expected);
        else expect(outcome, what).toMatch(expected);
      }
      console.log(`signed 1 MiB, ${what}: ${best.toFixed(1)} ms end to end`);
      expect(best, what).toBeLessThan(1000);
    }
  });
});
