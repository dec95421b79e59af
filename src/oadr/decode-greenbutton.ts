// oadrGBPayload (HISTORY_GREENBUTTON): ESPI IntervalReadings inside an Atom feed, as report intervals.
import { parseNumberText, type NumberRange } from './decode-numbers.js';
import type { ReportInterval, ReportPayload } from './model.js';
import type { Node } from './json-read.js';
import { PayloadFieldError } from './wire-error.js';

// ESPI UnitSymbolKind codes (oadr_greenbutton.xsd appinfo) for the units meters report; others keep their code.
const UOM_SYMBOLS = new Map<string, string>([
  ['0', 'none'], ['5', 'A'], ['23', 'degC'], ['29', 'V'], ['33', 'Hz'], ['38', 'W'], ['42', 'm3'],
  ['61', 'VA'], ['63', 'VAr'], ['71', 'VAh'], ['72', 'Wh'], ['73', 'VArh'], ['106', 'Ah'], ['132', 'btu'],
]);

interface ReadingScale {
  unit?: string;
  powerOfTen: number;
  intervalLengthS?: number;
}

// ESPI ranges: readings are Int48, times are seconds that must stay valid Dates (years 1970–9999), lengths UInt32.
const READING: NumberRange = { min: -(2 ** 47), max: 2 ** 47 - 1 };
const SECONDS_SINCE_1970: NumberRange = { min: 0, max: 253_402_300_799 };
const LENGTH_S: NumberRange = { min: 0, max: 4_294_967_295 };
// ESPI multipliers run from -12 (pico) to 12 (tera); ±30 leaves room without overflowing a reading.
const POWER_OF_TEN: NumberRange = { min: -30, max: 30 };

function integer(node: Node, key: string, range: NumberRange): number | undefined {
  const text = node.optText(key);
  return text === undefined ? undefined : parseNumberText(text, `${node.path}/${key}`, 'integer', range);
}

// ESPI resources sit in atom:content of the feed's entries (one resource per entry in ESPI feeds, but any order).
function espiResources(feed: Node, name: string): Node[] {
  return feed.children('atom:entry').flatMap((entry) => entry.children('atom:content').flatMap((c) => c.children(`gb:${name}`)));
}

function readingScale(feed: Node): ReadingScale {
  const type = espiResources(feed, 'ReadingType')[0];
  if (!type) return { powerOfTen: 0 };
  const scale: ReadingScale = { powerOfTen: integer(type, 'gb:powerOfTenMultiplier', POWER_OF_TEN) ?? 0 };
  const uom = type.optText('gb:uom')?.trim();
  if (uom !== undefined) scale.unit = UOM_SYMBOLS.get(uom) ?? `uom ${uom}`;
  const length = integer(type, 'gb:intervalLength', LENGTH_S);
  if (length !== undefined) scale.intervalLengthS = length;
  return scale;
}

// A reading without its own timePeriod/start is the i-th intervalLength of its block (ESPI IntervalReading doc).
function readingStart(reading: Node, blockStart: number | undefined, index: number, scale: ReadingScale): number {
  const own = reading.has('gb:timePeriod') ? integer(reading.child('gb:timePeriod'), 'gb:start', SECONDS_SINCE_1970) : undefined;
  if (own !== undefined) return own;
  if (blockStart === undefined || scale.intervalLengthS === undefined) {
    throw new PayloadFieldError(`${reading.path}`, 'has no timePeriod/start and its IntervalBlock gives no start and intervalLength');
  }
  // Derived times obey the same range as written ones (a late block start plus a long intervalLength passes year 9999).
  const derived = blockStart + index * scale.intervalLengthS;
  if (derived > SECONDS_SINCE_1970.max!) throw new PayloadFieldError(`${reading.path}`, `starts at ${derived} s (block start + ${index} × intervalLength), past year 9999`);
  return derived;
}

/** One report interval per ESPI IntervalReading with a value; `rId` labels them all. */
export function decodeGreenButtonPayload(gb: Node, rId: string): ReportInterval[] {
  const feed = gb.child('atom:feed');
  const scale = readingScale(feed);
  // Dividing by 10^n keeps 1234 × 10^-3 at 1.234 (multiplying by 0.001 would not).
  const apply = (raw: number): number => (scale.powerOfTen >= 0 ? raw * 10 ** scale.powerOfTen : raw / 10 ** -scale.powerOfTen);
  const intervals: ReportInterval[] = [];
  for (const block of espiResources(feed, 'IntervalBlock')) {
    // The block's own interval is checked even where readings carry their times: a bad number is refused wherever it stands.
    const blockInterval = block.has('gb:interval') ? block.child('gb:interval') : undefined;
    const blockStart = blockInterval && integer(blockInterval, 'gb:start', SECONDS_SINCE_1970);
    if (blockInterval) integer(blockInterval, 'gb:duration', LENGTH_S);
    block.children('gb:IntervalReading').forEach((reading, i) => {
      const raw = integer(reading, 'gb:value', READING);
      if (raw === undefined) return; // a cost-only reading has no usage value to store
      const startS = readingStart(reading, blockStart, i, scale);
      const durationS = (reading.has('gb:timePeriod') ? integer(reading.child('gb:timePeriod'), 'gb:duration', LENGTH_S) : undefined) ?? scale.intervalLengthS;
      const payload: ReportPayload = { rId, value: apply(raw) };
      if (scale.unit !== undefined) payload.unit = scale.unit;
      const interval: ReportInterval = { dtstart: new Date(startS * 1000), payloads: [payload] };
      if (durationS !== undefined) interval.duration = durationS * 1000;
      intervals.push(interval);
    });
  }
  return intervals;
}
