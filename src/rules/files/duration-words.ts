// A duration an analyst wrote in words ("15 minutes", "1h30m") turned into the ISO 8601 form the files need.
import { parseDuration } from '../../oadr/duration.js';
import { VtnError } from '../../errors.js';

const UNITS: [RegExp, 'W' | 'D' | 'H' | 'M' | 'S'][] = [
  [/^(w|wk|wks|weeks?)$/, 'W'],
  [/^(d|days?)$/, 'D'],
  [/^(h|hr|hrs|hours?)$/, 'H'],
  [/^(m|min|mins|minutes?)$/, 'M'],
  [/^(s|sec|secs|seconds?)$/, 'S'],
];

const GENERIC = 'ISO 8601 durations look like PT15M (15 minutes), PT1H30M, P1D (a day) or P1W';

/** "15 minutes" → "PT15M", "1h 30m" → "PT1H30M", "2 days" → "P2D"; undefined when the words are not a duration. */
export function isoFromWords(text: string): string | undefined {
  const parts = [...text.trim().toLowerCase().matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:,|and)?\s*/g)];
  if (parts.length === 0 || parts.map((m) => m[0]).join('') !== text.trim().toLowerCase()) return undefined;
  const amounts = new Map<string, number>();
  for (const [, amount, word] of parts) {
    const unit = UNITS.find(([re]) => re.test(word!))?.[1];
    if (!unit || amounts.has(unit)) return undefined;
    amounts.set(unit, Number(amount));
  }
  const days = (amounts.get('W') ?? 0) * 7 + (amounts.get('D') ?? 0);
  const time = (['H', 'M', 'S'] as const).filter((u) => amounts.has(u)).map((u) => `${amounts.get(u)}${u}`).join('');
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** What to tell the analyst about a text that is not a duration: the ISO form of their words, or the shape of one. */
export function durationSuggestion(text: unknown): string {
  const iso = typeof text === 'string' ? isoFromWords(text) : undefined;
  return iso ? `write ${String(text).trim()} as ${iso}` : GENERIC;
}

/** undefined when `text` is a duration the VTN takes; otherwise the problem in plain words. */
export function durationProblem(text: unknown): { message: string; suggestion: string } | undefined {
  try {
    parseDuration(text as string);
    return undefined;
  } catch (e) {
    // Years and months parse as ISO but are refused: their own message says why.
    if (e instanceof VtnError && typeof text === 'string' && /^[+-]?P/.test(text.trim())) {
      const message = e.hint ? e.message.slice(0, -(e.hint.length + 3)) : e.message;
      return { message, suggestion: e.hint ?? GENERIC };
    }
    return { message: `${JSON.stringify(text)} is not an ISO 8601 duration`, suggestion: durationSuggestion(text) };
  }
}
