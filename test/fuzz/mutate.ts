// Deterministic mutations of valid OpenADR documents: byte damage, structural damage and known-hostile fragments.

/** mulberry32: small, seeded, good enough to spread mutations. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE = [
  '<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>',
  '<!DOCTYPE p SYSTEM "file:///etc/passwd">', '<!ENTITY x SYSTEM "http://127.0.0.1/">', '&a;', '&xxe;',
  '<', '>', '&', '"', "'", ']]>', '<![CDATA[', '<!--', '-->', '<?pi x?>', '\u0000', '\uFFFE', '&#0;', '&#x110000;', '&#65;',
  '</oadr:oadrSignedObject>', '<oadr:oadrSignedObject>', '<ei:venID>someone-else</ei:venID>', '<ds:Signature/>',
  'xmlns:oadr="http://evil.example/ns"', 'xmlns="urn:x"', ' oadr:Id="oadrSignedObject"', '-1', '99999999999999999999', 'NaN',
  'P-1D', 'PT', '2026-13-45T99:99:99Z', '\u202E', '😀', ' x="1" x="2"',
  // numeric edges (requirements §9): refused in-band wherever a number is expected
  'INF', '-INF', '1e999', '-1e301', '0x1F', '+', '   ', '1 2', `1${'0'.repeat(400)}`, `P${'9'.repeat(30)}D`,
];

type Mutation = (xml: string, r: () => number) => string;

const pos = (xml: string, r: () => number) => Math.floor(r() * (xml.length + 1));
const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)]!;

const MUTATIONS: Mutation[] = [
  // byte damage
  (x, r) => { const i = pos(x, r); return x.slice(0, i) + String.fromCharCode(32 + Math.floor(r() * 95)) + x.slice(i + 1); },
  (x, r) => { const i = pos(x, r); return x.slice(0, i) + x.slice(i + 1 + Math.floor(r() * 20)); },
  (x, r) => x.slice(0, pos(x, r)),
  (x, r) => { const i = pos(x, r); const j = Math.min(x.length, i + Math.floor(r() * 60)); return x.slice(0, j) + x.slice(i, j) + x.slice(j); },
  // hostile fragments
  (x, r) => { const i = pos(x, r); return x.slice(0, i) + pick(HOSTILE, r) + x.slice(i); },
  (x, r) => x.replace(/<oadr:oadrPayload/, `${pick(HOSTILE.slice(0, 3), r)}<oadr:oadrPayload`),
  // structure damage: drop, rename or re-namespace an element
  (x, r) => { const m = [...x.matchAll(/<([\w]+:[\w]+)[^>]*>[^<]*<\/\1>/g)]; if (!m.length) return x; const hit = pick(m, r); return x.slice(0, hit.index) + x.slice(hit.index! + hit[0].length); },
  (x, r) => { const m = [...x.matchAll(/<([\w]+):([\w]+)/g)]; if (!m.length) return x; const hit = pick(m, r); return x.replace(hit[0], `<${hit[1]}:${hit[2]}X`); },
  (x, r) => { const uris = [...x.matchAll(/xmlns:\w+="([^"]+)"/g)]; if (!uris.length) return x; return x.replace(pick(uris, r)[1]!, 'http://wrong.example/ns'); },
  (x, r) => { const m = [...x.matchAll(/>([^<]+)</g)]; if (!m.length) return x; const hit = pick(m, r); return x.replace(`>${hit[1]}<`, `>${pick(HOSTILE.slice(27), r)}<`); },
  // size, repetition and depth
  (x, r) => { const m = [...x.matchAll(/>([^<]+)</g)]; if (!m.length) return x; const hit = pick(m, r); return x.replace(`>${hit[1]}<`, `>${'x'.repeat(257 + Math.floor(r() * 5000))}<`); },
  (x, r) => { const m = [...x.matchAll(/<([\w]+:[\w]+)[^>]*>[^<]*<\/\1>/g)]; if (!m.length) return x; const hit = pick(m, r); return x.replace(hit[0], hit[0].repeat(Math.max(2, Math.min(2 + Math.floor(r() * 1500), Math.floor(600_000 / hit[0].length))))); },
  (x, r) => x.replace(/<oadr:oadrPoll|<oadr:oadr\w+/, (tag) => `${tag} huge="${'A'.repeat(1000 + Math.floor(r() * 100_000))}"`),
  (x, r) => { const depth = 50 + Math.floor(r() * 200); return x.replace(/<ei:venID>/, `${'<ei:x>'.repeat(depth)}<ei:venID>`).replace(/<\/ei:venID>/, `</ei:venID>${'</ei:x>'.repeat(depth)}`); },
];

/** Binary garbage of random length. */
export function randomBytes(r: () => number): Buffer {
  const out = Buffer.alloc(1 + Math.floor(r() * 2000));
  for (let i = 0; i < out.length; i += 1) out[i] = Math.floor(r() * 256);
  return out;
}

/** 1–3 mutations of `xml`. */
export function mutate(xml: string, r: () => number): string {
  let out = xml;
  const n = 1 + Math.floor(r() * 3);
  for (let i = 0; i < n; i += 1) out = pick(MUTATIONS, r)(out, r);
  return out;
}
