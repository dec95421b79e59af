// The hostile scenario's figures against the requirements §9 targets, as benchmark rows (PASS/FAIL per target).
import { KIND_LABELS, type HostileKind } from './hostile-bodies.js';
import { mb, type Row } from './report-table.js';

export const TARGETS = { blockMs: 50, rssBytes: 50 * 1024 * 1024, stateBytes: 1024 * 1024, stopMs: 10_000 } as const;

export interface SingleResult {
  /** Longest event-loop block in the VTN during each request, ms. */
  blocksMs: number[];
  /** Client-side time to the full answer, ms. */
  latenciesMs: number[];
  /** describeAnswer() of each. */
  answers: string[];
  bodyBytes: number;
}

export interface MixedResult {
  planned: number;
  sent: number;
  seconds: number;
  /** True when the time bound ended the phase before `planned` were sent. */
  timedOut: boolean;
  blockMaxMs: number;
  rssBefore: number;
  rssAfter: number;
  stateBefore: number;
  stateAfter: number;
  /** After SIGTERM wrote the final snapshot. */
  stateAfterStop?: number;
  /** describeAnswer() → how many. */
  answers: Record<string, number>;
  vensBefore: number;
  vensAfter: number;
}

export interface RestartResult { stopMs: number; exit: string; ok: boolean; problem?: string }

const ms = (v: number) => `${v.toFixed(1)} ms`;
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : Number.NaN);
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;
/** Growth in bytes shown with a decimal kB figure too: state targets are small. */
const kb = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1024).toFixed(1)} kB`;

/** Answers that tally the same are listed once with their count, most frequent first. */
export function tally(answers: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of answers) out[a] = (out[a] ?? 0) + 1;
  return out;
}

const listTally = (t: Record<string, number>) => Object.entries(t).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}× ${k}`).join(', ');

export function singleRows(results: Partial<Record<HostileKind, SingleResult>>): Row[] {
  const rows: Row[] = [];
  for (const [kind, r] of Object.entries(results) as [HostileKind, SingleResult][]) {
    const block = max(r.blocksMs);
    rows.push(
      { scenario: `hostile ${kind}`, metric: `${KIND_LABELS[kind]} (${(r.bodyBytes / 1024).toFixed(0)} KB): longest event-loop block of ${r.blocksMs.length}`, value: ms(block), target: `≤ ${TARGETS.blockMs} ms`, met: block <= TARGETS.blockMs },
      { scenario: `hostile ${kind}`, metric: `worst latency; answers: ${listTally(tally(r.answers))}`, value: ms(max(r.latenciesMs)) },
    );
  }
  return rows;
}

export function mixedRows(m: MixedResult, restart: RestartResult | undefined): Row[] {
  const rss = m.rssAfter - m.rssBefore;
  const stateEnd = m.stateAfterStop === undefined ? m.stateAfter : Math.max(m.stateAfter, m.stateAfterStop);
  const state = stateEnd - m.stateBefore;
  const all = m.sent === m.planned;
  const rows: Row[] = [
    { scenario: 'hostile mixed', metric: `requests sent in ${m.seconds.toFixed(0)} s${m.timedOut ? ' (time bound reached)' : ''}; answers: ${listTally(m.answers)}`, value: `${m.sent} / ${m.planned}`, target: `${m.planned}`, met: all },
    { scenario: 'hostile mixed', metric: 'longest event-loop block during the mixed run', value: ms(m.blockMaxMs), target: `≤ ${TARGETS.blockMs} ms`, met: m.blockMaxMs <= TARGETS.blockMs },
    { scenario: 'hostile mixed', metric: `VTN RSS growth (after GC: ${mb(m.rssBefore)} → ${mb(m.rssAfter)})`, value: signedMb(rss), target: `≤ +${mb(TARGETS.rssBytes)}`, met: all && rss <= TARGETS.rssBytes },
    { scenario: 'hostile mixed', metric: `state folder growth (${m.stateBefore} → ${m.stateAfter} bytes${m.stateAfterStop !== undefined ? `, ${m.stateAfterStop} after stop` : ''})`, value: kb(state), target: '≤ +1024.0 kB', met: all && state <= TARGETS.stateBytes },
    { scenario: 'hostile mixed', metric: 'registered VENs before / after (strangers must add none)', value: `${m.vensBefore} / ${m.vensAfter}`, target: 'unchanged', met: m.vensAfter === m.vensBefore },
  ];
  if (!restart) rows.push({ scenario: 'hostile restart', metric: 'SIGTERM, start on the same state, a VEN registers and polls', value: 'not run' , met: false });
  else {
    rows.push(
      { scenario: 'hostile restart', metric: `SIGTERM to exit (${restart.exit})`, value: ms(restart.stopMs), target: `exit 0 ≤ ${TARGETS.stopMs} ms`, met: restart.exit === 'exit 0' && restart.stopMs <= TARGETS.stopMs },
      { scenario: 'hostile restart', metric: `start on the same state; a new VEN registers and polls, the old one polls${restart.problem ? ` — ${restart.problem.slice(0, 160)}` : ''}`, value: restart.ok ? 'ok' : 'failed', target: 'ok', met: restart.ok },
    );
  }
  return rows;
}
