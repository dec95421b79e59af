// Five-field cron expressions (minute hour day-of-month month day-of-week), parsed into sets we can match.
import { VtnError } from '../errors.js';

/** A parsed cron expression. Day matching follows classic cron: when both day fields are restricted, either may match. */
export interface CronSpec {
  source: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday (7 is accepted as Sunday and stored as 0). */
  daysOfWeek: ReadonlySet<number>;
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
}

interface FieldRule {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly FieldRule[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES },
];

const HINT = 'write five fields "minute hour day-of-month month day-of-week", e.g. "0 12 * * 1-5" for noon on weekdays';

/** Parses `expr`; throws E_SCHEDULE_CRON naming the faulty field and why. */
export function parseCron(expr: string): CronSpec {
  if (typeof expr !== 'string' || expr.trim() === '') {
    throw new VtnError('E_SCHEDULE_CRON', 'the cron expression is empty', HINT);
  }
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) {
    const extra = parts.length === 6 ? ' (a seconds field is not supported: schedules run at minute precision)' : '';
    throw new VtnError('E_SCHEDULE_CRON', `"${expr}" has ${parts.length} fields, expected 5${extra}`, HINT);
  }
  const sets = parts.map((part, i) => parseField(part, FIELDS[i]!, expr));
  const dow = new Set([...sets[4]!].map((d) => (d === 7 ? 0 : d)));
  return {
    source: expr.trim(),
    minutes: [...sets[0]!].sort((a, b) => a - b),
    hours: [...sets[1]!].sort((a, b) => a - b),
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek: dow,
    dayOfMonthRestricted: !isStar(parts[2]!),
    dayOfWeekRestricted: !isStar(parts[4]!),
  };
}

/** True when the calendar day (month 1–12, weekday 0 = Sunday) matches the expression's day fields. */
export function cronMatchesDay(spec: CronSpec, month: number, day: number, weekday: number): boolean {
  if (!spec.months.has(month)) return false;
  const domOk = spec.daysOfMonth.has(day);
  const dowOk = spec.daysOfWeek.has(weekday);
  if (spec.dayOfMonthRestricted && spec.dayOfWeekRestricted) return domOk || dowOk;
  return domOk && dowOk;
}

function isStar(part: string): boolean {
  return part === '*' || part === '?';
}

function parseField(part: string, rule: FieldRule, expr: string): Set<number> {
  const out = new Set<number>();
  for (const item of part.split(',')) {
    const fail = (why: string): never => {
      throw new VtnError('E_SCHEDULE_CRON', `"${expr}": ${rule.name} field "${part}": ${why}`, HINT);
    };
    if (item === '') fail('an empty list item');
    const [range, stepText, more] = item.split('/');
    if (more !== undefined) fail(`"${item}" has more than one "/"`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) fail(`step "${stepText}" must be a whole number of at least 1`);
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (isStar(range!)) {
      [lo, hi] = [rule.min, rule.name === 'day-of-week' ? 6 : rule.max];
    } else {
      const [a, b, extra] = range!.split('-');
      if (extra !== undefined) fail(`"${range}" is not a range like 1-5`);
      lo = valueOf(a!, rule, fail);
      hi = b === undefined ? (stepText === undefined ? lo : rule.max) : valueOf(b, rule, fail);
      if (hi < lo) fail(`range ${range} runs backwards`);
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function valueOf(text: string, rule: FieldRule, fail: (why: string) => never): number {
  const named = rule.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return rule.name === 'month' ? named + 1 : named;
  if (!/^\d+$/.test(text)) {
    const names = rule.names ? ` or a name (${rule.names.join(', ')})` : '';
    return fail(`"${text}" is not a number${names}`);
  }
  const v = Number(text);
  if (v < rule.min || v > rule.max) fail(`${v} is outside ${rule.min}–${rule.max}`);
  return v;
}
