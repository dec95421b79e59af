// Deterministic attacks on decode caps (requirements §9): 900 KB texts in every leaf, numeric edge values in every
// numeric field, and elements repeated past every count cap, generated from valid documents.

export interface Attack {
  label: string;
  xml: string;
}

interface Leaf {
  name: string;
  /** Offsets of the leaf's text inside the document. */
  textStart: number;
  textEnd: number;
}

const LEAF = /<([A-Za-z]+:[A-Za-z-]+)((?:\s[^>]*)?)>([^<]*)<\/\1>/g;

function leaves(xml: string): Leaf[] {
  return [...xml.matchAll(LEAF)].map((m) => {
    const textEnd = m.index! + m[0].length - m[1]!.length - 3;
    return { name: m[1]!, textStart: textEnd - m[3]!.length, textEnd };
  });
}

const replaceText = (xml: string, leaf: Leaf, text: string): string => xml.slice(0, leaf.textStart) + text + xml.slice(leaf.textEnd);

export const HUGE = 900_000;

/** Every leaf of the document holding 900 KB, one document per leaf, and a 900 KB attribute on the payload element. */
export function* sizeAttacks(label: string, xml: string): Generator<Attack> {
  for (const leaf of leaves(xml)) yield { label: `${label} ${leaf.name} = 900 KB`, xml: replaceText(xml, leaf, 'x'.repeat(HUGE)) };
  yield { label: `${label} 900 KB attribute`, xml: xml.replace(/(<oadr:oadrSignedObject[^>]*>\s*<oadr:\w+)/, `$1 pad="${'p'.repeat(HUGE)}"`) };
}

const NUMERIC = /^(ei:(value|accuracy|confidence|modificationNumber|priority|responseCode)|oadr:oadr(Current|Min|Max|Normal)|power:(hertz|voltage)|pyld:replyLimit|espi:(value|start|duration|intervalLength|powerOfTenMultiplier))$/;
export const NUMERIC_EDGES = ['NaN', 'INF', '-INF', '1e999', '-1e999', '1e301', '-2e300', '0x1F', '', '+', '-', '   ', '1 2', '12abc', `1${'0'.repeat(400)}`];

/** Every numeric leaf holding every edge value. */
export function* numericAttacks(label: string, xml: string): Generator<Attack> {
  for (const leaf of leaves(xml).filter((l) => NUMERIC.test(l.name))) {
    for (const edge of NUMERIC_EDGES) yield { label: `${label} ${leaf.name} = "${edge.slice(0, 20)}"`, xml: replaceText(xml, leaf, edge) };
  }
}

/** Each element kind named in `kinds` (and present) repeated `times` times where it stands; the result may be valid. */
export function* repetitionAttacks(label: string, xml: string, kinds: readonly string[], times: number): Generator<Attack> {
  for (const kind of kinds) {
    const open = xml.indexOf(`<${kind}>`) >= 0 ? xml.indexOf(`<${kind}>`) : xml.indexOf(`<${kind} `);
    if (open < 0) continue;
    const closeTag = `</${kind}>`;
    const close = xml.indexOf(closeTag, open);
    if (close < 0) continue;
    const element = xml.slice(open, close + closeTag.length);
    yield { label: `${label} ${kind} × ${times}`, xml: xml.slice(0, open) + element.repeat(times) + xml.slice(close + closeTag.length) };
  }
}
