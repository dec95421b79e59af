// onCreatePartyRegistration → registration rules → accept (with a venID policy and poll frequency) or reject.
import { randomUUID } from 'node:crypto';
import { clipText } from '../../clip-text.js';
import { parseDuration } from '../../oadr/duration.js';
import type { RegistrationDecision, RegistrationInfo } from '../../vtn/handlers.js';
import { evaluate } from '../engine/evaluate.js';
import type { ThenSpec } from '../engine/rule-types.js';
import { registrationFacts } from '../facts/trigger-facts.js';
import { applyLogDecisions, type ShimDeps } from './shim-deps.js';

type Accept = NonNullable<ThenSpec['acceptRegistration']>;
type Reject = NonNullable<ThenSpec['rejectRegistration']>;

export function installRegistrationShim(deps: ShimDeps): void {
  deps.vtn.addHandler('onCreatePartyRegistration', async (info: RegistrationInfo): Promise<RegistrationDecision> => {
    const policy = deps.runtime.policy;
    const now = deps.sources.now();
    const ev = await evaluate(policy, 'registration', registrationFacts(info, policy.catalogue, now), deps.sources);
    // Cut: anyone can send a registration, and the subject reaches log lines and records.
    const subject = clipText(info.venId ?? info.venName ?? '(unnamed VEN)');
    const outcomes = applyLogDecisions(deps, ev, subject);
    const verdict = ev.decisions[0]!;
    if (verdict.type === 'rejectRegistration') {
      const r = verdict.params as Reject;
      const reason = r.reason ?? `registration refused by rule ${verdict.rule}`;
      outcomes.unshift(`rejected ${r.code ?? 463}: ${reason}`);
      await deps.decisions.recordRefusal(ev, subject, outcomes);
      return { reject: true, code: r.code ?? 463, reason };
    }
    const entry = policy.catalogue.entryFor({ venId: info.venId, venName: info.venName });
    // A catalogue fingerprint is the operator's binding: no accepting rule lets another certificate have that VEN.
    if (entry?.fingerprint !== undefined && info.fingerprint !== undefined && !policy.catalogue.fingerprintMatches(entry, info.fingerprint)) {
      const reason = `the VEN catalogue binds ${entry.venId ?? entry.venName} to another certificate; ask the operator to update config/vens.json`;
      outcomes.unshift(`rejected 463: ${reason} (overrides rule ${verdict.rule})`);
      // Anyone with a certificate can send these: the refusal budget bounds what they leave in the state.
      await deps.decisions.recordRefusal(ev, subject, outcomes);
      return { reject: true, code: 463, reason };
    }
    const a = (verdict.params ?? {}) as Accept;
    const mode = a.venId ?? 'auto';
    const venId = mode === 'generate' ? randomUUID() : mode === 'from-ven' ? info.venId : entry?.venId;
    const poll = ev.decisions.find((d) => d.type === 'setPollFrequency')?.params as string | undefined ?? a.pollFreq;
    outcomes.unshift(`accepted${venId ? ` as ${venId}` : ''} (venId ${mode})${poll ? `, poll every ${poll}` : ''}`);
    await deps.decisions.record(ev, subject, outcomes);
    return { ...(venId !== undefined ? { venId } : {}), ...(poll !== undefined ? { pollFreq: parseDuration(poll) } : {}) };
  });
}
