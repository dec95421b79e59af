// Compares what the rules decided with what a rule test expects; returns readable difference lines.

export interface Expectation {
  rules?: string[];
  decisions?: Record<string, unknown>;
  absent?: string[];
}

const show = (v: unknown): string => (v === undefined ? '(nothing)' : JSON.stringify(v));

/** Every field of `expected` must equal the same field of `actual`; objects are compared field by field. */
function subsetDiff(expected: unknown, actual: unknown, path: string, out: string[]): void {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push(`${path}\n      expected: ${show(expected)}\n      actual:   ${show(actual)}`);
      return;
    }
    for (const [k, v] of Object.entries(expected)) subsetDiff(v, (actual as Record<string, unknown>)[k], `${path}.${k}`, out);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((v, i) => subsetDiff(v, actual[i], `${path}[${i}]`, out));
    return;
  }
  if (JSON.stringify(expected) !== JSON.stringify(actual)) out.push(`${path}\n      expected: ${show(expected)}\n      actual:   ${show(actual)}`);
}

export function compareExpectation(expect: Expectation, fired: string[], decisions: Record<string, unknown>): string[] {
  const out: string[] = [];
  if (expect.rules && JSON.stringify(expect.rules) !== JSON.stringify(fired)) {
    const missing = expect.rules.filter((r) => !fired.includes(r));
    const extra = fired.filter((r) => !expect.rules!.includes(r));
    out.push(`rules fired\n      expected: ${show(expect.rules)}\n      actual:   ${show(fired)}${missing.length ? `\n      - did not fire: ${missing.join(', ')}` : ''}${extra.length ? `\n      + fired too:    ${extra.join(', ')}` : ''}`);
  }
  if (expect.decisions) subsetDiff(expect.decisions, decisions, 'decisions', out);
  for (const kind of expect.absent ?? []) if (kind in decisions) out.push(`decisions.${kind}\n      expected: (nothing)\n      actual:   ${show(decisions[kind])}`);
  return out;
}
