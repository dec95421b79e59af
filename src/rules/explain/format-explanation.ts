// Renders an evaluation (a stored decision or a dry run) as plain text: decisions, rules, and per condition
// the fact value and the result.
import type { Evaluation } from '../engine/evaluate.js';
import type { DecisionRecord } from './decision-log.js';

const show = (v: unknown): string => (v === undefined ? '(not evaluated)' : JSON.stringify(v));
const mark = (r: boolean | undefined): string => (r === true ? '✔' : r === false ? '✖' : '·');

export function formatExplanation(ev: Evaluation | DecisionRecord): string[] {
  const rec = 'id' in ev ? ev : undefined;
  const lines: string[] = [];
  lines.push(`${rec ? `decision ${rec.id}` : 'dry run'}  trigger ${ev.trigger}  at ${ev.at}  policy ${ev.policyVersion}`);
  if (rec) lines.push(`subject: ${rec.subject}`);
  for (const o of rec?.outcomes ?? []) lines.push(`outcome: ${o}`);
  lines.push('decisions:');
  if (ev.decisions.length === 0) lines.push('  (none: no rule matched, and this trigger does nothing by default)');
  for (const d of ev.decisions) lines.push(`  ${d.type} ${JSON.stringify(d.params)}  ← ${d.rule === '(default)' ? 'the default (no rule decided)' : `rule "${d.rule}"`}`);
  lines.push('rules, highest priority first:');
  if (ev.trace.length === 0) lines.push('  (no enabled rules for this trigger)');
  for (const t of ev.trace) {
    lines.push(`  ${mark(t.fired)} ${t.rule}  (priority ${t.priority}, ${t.file})${t.fired ? '  FIRED' : ''}`);
    if (t.conditions.length === 0) lines.push('      (no conditions: always true)');
    for (const c of t.conditions) {
      const fact = `${c.fact}${c.params ? JSON.stringify(c.params) : ''}${c.path ? ` ${c.path}` : ''}`;
      lines.push(`      ${mark(c.result)} ${c.at}  ${fact} = ${show(c.factValue)}  ${c.operator} ${JSON.stringify(c.value)}`);
    }
  }
  return lines;
}
