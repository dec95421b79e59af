// The fact catalogue, the rules schema and the README agree: every fact is documented where analysts look.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS, TRIGGERS } from '../../../src/rules/facts/fact-catalogue.js';
import { calendarFacts } from '../../../src/rules/facts/calendar-facts.js';
import { REPO_ROOT } from './policy-project.js';

describe('facts', () => {
  it('every fact is listed in the rules schema (editor completion) and in the README', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'rules.schema.json'), 'utf8'));
    const examples: string[] = schema.definitions.condition.properties.fact.examples;
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const all = [...new Set(TRIGGERS.flatMap((t) => FACTS[t].map((f) => f.name)))].sort();
    expect([...examples].sort()).toEqual(all);
    for (const name of all) expect(readme, name).toContain(`\`${name}\``);
  });

  it('calendar facts follow the policy timezone and holiday list', () => {
    const f = calendarFacts(new Date('2026-07-04T02:30:00Z'), { timezone: 'America/New_York', holidays: ['2026-07-03'] });
    expect(f).toEqual({ 'time.weekday': 'friday', 'time.weekend': false, 'time.hour': 22, 'time.minute': 30, 'time.month': 7, 'time.date': '2026-07-03', 'time.holiday': true });
    expect(calendarFacts(new Date('2026-07-04T12:00:00Z'), { timezone: 'UTC', holidays: [] })).toMatchObject({ 'time.weekday': 'saturday', 'time.weekend': true, 'time.holiday': false });
  });
});
