// The hostile bench's own logic: the bodies are what their labels say (and well-formed where XML allows), the
// padded signature still verifies, and the report says FAIL whenever a §9 target is missed.
import { linkSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XmlDocument } from 'libxml2-wasm';
import { SignedXml } from 'xml-crypto';
import { afterAll, describe, expect, it } from 'vitest';
import * as H from '../../../src/bench/hostile-bodies.js';
import { mixedRows, singleRows, TARGETS, type MixedResult, type RestartResult } from '../../../src/bench/hostile-report.js';
import { dirBytes } from '../../../src/bench/bench-state.js';
import { describeAnswer, messageName } from '../../../src/bench/hostile-send.js';
import { generateCertificates } from '../../../src/security/generate-certificates.js';
import { createPayloadSigner } from '../../../src/security/xmldsig/sign-payload.js';

const work = mkdtempSync(join(tmpdir(), 'hostile-bench-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const wellFormed = (xml: string) => {
  const doc = XmlDocument.fromString(xml);
  doc.dispose();
};

describe('hostile bodies', () => {
  it('full size: each under the 1 MiB body limit and as large as its label says', () => {
    const sign = (xml: string) => xml.replace('</oadr:oadrPayload>', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"></ds:Signature></oadr:oadrPayload>');
    const sizes = Object.fromEntries(H.HOSTILE_KINDS.map((k) => [k, H.hostileBody(k, sign).body.length]));
    for (const [kind, size] of Object.entries(sizes)) expect(size, kind).toBeLessThanOrEqual(H.MAX_BODY);
    expect(sizes['huge-venName']).toBeGreaterThan(900_000);
    expect(sizes['huge-venID']).toBeGreaterThan(900_000);
    expect(sizes['signed-padding']).toBeGreaterThan(1_000_000);
    expect(sizes.attributes).toBeGreaterThan(340_000);
    expect(sizes.namespaces).toBeGreaterThan(340_000);
    expect(H.manyAttributes().match(/ a[0-9a-z]+="v"/g)).toHaveLength(40_000);
    expect(new Set(H.manyAttributes(2000).match(/ a[0-9a-z]+=/g)).size).toBe(2000);
    expect(H.manyNamespaces().match(/ xmlns:n\d+=/g)).toHaveLength(6000);
  });

  it('well-formed XML by libxml2 (small sizes: its default limits are not under test)', () => {
    for (const xml of [H.manyAttributes(500), H.manyNamespaces(50, 200), H.hugeVenName(1000), H.hugeVenId(1000), H.deepNesting(50), H.manyEntities(1000)]) {
      expect(() => wellFormed(xml)).not.toThrow();
    }
  });

  it('fresh names each time: two huge venNames or venIDs never repeat', () => {
    expect(H.hugeVenName(64)).not.toBe(H.hugeVenName(64));
    expect(H.hugeVenId(64)).not.toBe(H.hugeVenId(64));
    expect(H.randomLetters(1000)).toMatch(/^[A-Z]{1000}$/);
  });

  it('the padded registration is signed by the VEN key and the signature still verifies', () => {
    const certs = generateCertificates(join(work, 'certs'), { vens: ['stranger'] });
    const ven = certs.vens.find((c) => c.name === 'stranger-rsa')!;
    const xml = H.signedPadding(createPayloadSigner({ cert: ven.cert, key: ven.key }), 40_000);
    expect(xml.length).toBeGreaterThan(39_000);
    expect(xml).toMatch(/<ds:Object Id="pad">(<ds:p a="1">x<\/ds:p>)+<\/ds:Object><\/ds:Signature>/);
    const verifier = new SignedXml({ publicCert: ven.cert });
    verifier.loadSignature(xml.slice(xml.indexOf('<ds:Signature'), xml.indexOf('</ds:Signature>') + '</ds:Signature>'.length));
    expect(verifier.checkSignature(xml)).toBe(true);
  });
});

describe('hostile report', () => {
  const mixed: MixedResult = {
    planned: 1000, sent: 1000, seconds: 30, timedOut: false, blockMaxMs: 20, rssBefore: 100e6, rssAfter: 120e6,
    stateBefore: 10_000, stateAfter: 50_000, stateAfterStop: 60_000, answers: { 'HTTP 400': 1000 }, vensBefore: 1, vensAfter: 1,
  };
  const ok: RestartResult = { stopMs: 100, exit: 'exit 0', ok: true };

  it('PASS when every target holds', () => {
    expect(mixedRows(mixed, ok).every((r) => r.met !== false)).toBe(true);
    expect(singleRows({ attributes: { blocksMs: [3, 49], latenciesMs: [4], answers: ['HTTP 400'], bodyBytes: 1 } })[0]!.met).toBe(true);
  });

  it('FAIL for a block over 50 ms, RSS or state over target, a stranger registered, an unclean or failed restart', () => {
    expect(singleRows({ entities: { blocksMs: [3, 51], latenciesMs: [4], answers: ['HTTP 200'], bodyBytes: 1 } })[0]!.met).toBe(false);
    const met = (m: Partial<MixedResult>, r = ok) => mixedRows({ ...mixed, ...m }, r).filter((row) => row.met === false).map((row) => row.metric.split(' (')[0]);
    expect(met({ blockMaxMs: 51 })).toEqual(['longest event-loop block during the mixed run']);
    expect(met({ rssAfter: mixed.rssBefore + TARGETS.rssBytes + 1 })).toEqual(['VTN RSS growth']);
    // The larger of the two state figures counts (the snapshot written at stop included).
    expect(met({ stateAfterStop: mixed.stateBefore + TARGETS.stateBytes + 1 })).toEqual(['state folder growth']);
    expect(met({ vensAfter: 2 })).toEqual(['registered VENs before / after']);
    expect(met({}, { ...ok, exit: 'signal SIGKILL' })).toEqual(['SIGTERM to exit']);
    expect(met({}, { ...ok, ok: false, problem: 'did not start' })).toHaveLength(1);
  });

  it('an unfinished run (time bound) cannot pass its growth targets', () => {
    const failed = mixedRows({ ...mixed, sent: 120, timedOut: true }, ok).filter((r) => r.met === false).map((r) => r.metric);
    expect(failed).toHaveLength(3);
    expect(failed[0]).toContain('time bound reached');
  });

  it('answers are described by status, message and in-band code', () => {
    expect(describeAnswer({ ms: 1, status: 200, message: 'oadrCreatedPartyRegistration', oadrCode: 463 })).toBe('HTTP 200 oadrCreatedPartyRegistration 463');
    expect(describeAnswer({ ms: 1, status: 400 })).toBe('HTTP 400');
    expect(describeAnswer({ ms: 1, status: 0, error: 'Headers Timeout Error' })).toBe('failed: Headers Timeout Error');
  });

  it('the reply message is the element inside oadrSignedObject, also in a signed reply', () => {
    const signed = '<oadr:oadrPayload><ds:Signature><ds:Reference URI="#oadrSignedObject"><ds:Transforms/></ds:Reference></ds:Signature>'
      + '<oadr:oadrSignedObject oadr:Id="oadrSignedObject"><oadr:oadrResponse/></oadr:oadrSignedObject></oadr:oadrPayload>';
    expect(messageName(signed)).toBe('oadrResponse');
    expect(messageName('not xml')).toBeUndefined();
  });

  it('the state folder size counts nested files', () => {
    const dir = join(work, 'state');
    mkdirSync(join(dir, 'telemetry'), { recursive: true });
    writeFileSync(join(dir, 'vtn.json'), 'x'.repeat(100));
    writeFileSync(join(dir, 'telemetry', 'seg'), 'y'.repeat(23));
    expect(dirBytes(dir)).toBe(123);
  });

  it('the state folder size counts a hard link once (vtn.json.bak is one to the snapshot it replaced)', () => {
    const dir = join(work, 'linked');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'vtn.json'), 'x'.repeat(100));
    linkSync(join(dir, 'vtn.json'), join(dir, 'vtn.json.bak'));
    writeFileSync(join(dir, 'vtn.journal'), 'j'.repeat(7));
    expect(dirBytes(dir)).toBe(107);
  });
});
