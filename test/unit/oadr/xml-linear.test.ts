// The reader stays linear in its input: the worst documents of up to 1 MiB decode in milliseconds, and the
// per-element caps (256 attributes, 64 namespace declarations) refuse before anything grows.
import { describe, expect, it } from 'vitest';
import { readXml } from '../../../src/oadr/xml-read.js';
import { OadrWireError } from '../../../src/oadr/wire-error.js';

const MiB = 1024 * 1024;
// The quadratic reader took 11 s for the first case (and ~70 s at 1 MiB); quiet-machine figures are in the
// README (well under 50 ms each). The bound is loose so a loaded 2-core CI machine does not fail it by noise.
const BOUND_MS = 1000;

const repeat = (n: number, piece: (i: number) => string) => Array.from({ length: n }, (_, i) => piece(i)).join('');

/** Milliseconds of the faster of two reads (the first also pays for compiling the code), and the outcome. */
function timed(xml: string): { ms: number; outcome: string } {
  let best = Infinity;
  let outcome = 'accepted';
  for (let run = 0; run < 2; run += 1) {
    const t = performance.now();
    try {
      // The document caps would stop the wide cases early; lifted here so the linearity itself is measured.
      readXml(xml, { maxBytes: MiB, maxElements: MiB, maxAttributes: MiB });
    } catch (err) {
      if (!(err instanceof OadrWireError)) throw err;
      outcome = `refused: ${err.reason.slice(0, 160)}`;
    }
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, outcome };
}

const WORST: [string, string, string | RegExp][] = [
  ['40,000 attributes on one element (359 KB)', `<r${repeat(40_000, (i) => ` a${i}="1"`)}/>`, /more than 256 attributes/],
  ['256 attributes on each of 400 elements', `<r>${repeat(400, () => `<e${repeat(256, (i) => ` a${i}=""`)}/>`)}</r>`, 'accepted'],
  ['64 nested scopes, then 100,000 prefixed elements resolved through them', `${repeat(60, (i) => `<p${i}:e xmlns:p${i}="urn:${i}">`)}${'<p0:x/>'.repeat(100_000)}${repeat(60, (i) => `</p${59 - i}:e>`)}`, 'accepted'],
  ['250 elements with 64 namespace declarations each', `<r>${repeat(250, () => `<e${repeat(64, (i) => ` xmlns:a${i}="u"`)}/>`)}</r>`, 'accepted'],
  ['262,000 sibling elements', `<r>${'<e/>'.repeat(MiB / 4 - 10)}</r>`, 'accepted'],
  ['64 levels deep with 1 MB of text', `${'<e>'.repeat(64)}${'x'.repeat(MiB - 600)}${'</e>'.repeat(64)}`, 'accepted'],
  ['87,000 entity references in an attribute and 43,000 in text', `<r a="${'&amp;'.repeat(MiB / 12)}">${'&lt;&#x41;'.repeat(MiB / 24)}</r>`, 'accepted'],
  ['131,000 text pieces split by comments', `<r>${'a<!---->'.repeat(MiB / 8 - 2)}</r>`, 'accepted'],
  ['80,000 CDATA sections', `<r>${'<![CDATA[x]]>'.repeat(MiB / 13 - 2)}</r>`, 'accepted'],
  ['an error at line 1,048,566 (line counting)', `<r>${'\n'.repeat(MiB - 10)}</x>`, /line 1048567, column 1: expected <\/r>/],
];

describe('the reader is linear in its input', () => {
  it.each(WORST)('%s: read to the expected outcome well within the bound', (_label, xml, expected) => {
    expect(xml.length).toBeLessThanOrEqual(MiB);
    const { ms, outcome } = timed(xml);
    console.log(`${_label}: ${ms.toFixed(1)} ms, ${outcome}`);
    if (expected === 'accepted') expect(outcome).toBe('accepted');
    else expect(outcome).toMatch(expected);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  it('40,000 attributes on one element are refused at the 257th', () => {
    expect(() => readXml(`<r${repeat(40_000, (i) => ` a${i}="1"`)}/>`)).toThrow(/<r> has more than 256 attributes/);
    expect(Object.keys(readXml(`<r${repeat(256, (i) => ` a${i}="1"`)}/>`).attrs)).toHaveLength(256);
  });

  it('65 namespace declarations on one element are refused', () => {
    expect(() => readXml(`<r${repeat(65, (i) => ` xmlns:p${i}="urn:x"`)}/>`)).toThrow(/<r> has more than 64 namespace declarations/);
    expect(readXml(`<r${repeat(64, (i) => ` xmlns:p${i}="urn:x"`)}/>`).name).toBe('r');
  });

  it('a huge element name is cut in the refusal, never echoed whole', () => {
    const name = 'n'.repeat(500_000);
    const err = (() => { try { readXml(`<${name}>`); } catch (e) { return e as OadrWireError; } return undefined; })();
    expect(err?.reason).toMatch(/… \(500000 characters\)/);
    expect(err!.reason.length).toBeLessThan(300);
  });
});
