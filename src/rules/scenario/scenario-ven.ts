// A VEN in a scenario: builds the OpenADR messages a real VEN would send and hands them to vtn.dispatch.
import { parseDuration } from '../../oadr/duration.js';
import type { OadrMessage, OadrReport, ReportDescription } from '../../oadr/model.js';
import type { Vtn } from '../../vtn/vtn.js';
import type { OfferSpec, ScenarioStep } from './scenario-types.js';

/** What a VEN offers when the scenario does not say: usage (power in kW, energy, voltage) and status. */
export const DEFAULT_OFFERS: OfferSpec[] = [
  { report: 'TELEMETRY_USAGE', rId: 'powerReal', measurement: 'powerReal', unit: 'W', scale: 'k' },
  { report: 'TELEMETRY_USAGE', rId: 'energyReal', measurement: 'energyReal', unit: 'Wh', scale: 'k' },
  { report: 'TELEMETRY_USAGE', rId: 'voltage', measurement: 'voltage', unit: 'V', scale: 'none' },
  { report: 'TELEMETRY_STATUS', rId: 'status' },
];

/** The VTN's answer to one step: its response code and description. */
export interface Answer {
  code: number;
  description: string;
}

const CLOSED = new Set(['completed', 'cancelled']);

function answerOf(reply: OadrMessage | null): Answer {
  const r = (reply as { response?: { responseCode: number; responseDescription?: string } } | null)?.response;
  return { code: r?.responseCode ?? 0, description: r?.responseDescription ?? (reply ? reply.type : 'no reply') };
}

/** Thrown when a step cannot be carried out at all (e.g. telemetry for a point the policy did not subscribe to). */
export class StepError extends Error {}

export class ScenarioVen {
  venId: string | undefined;
  #offers: OfferSpec[] = DEFAULT_OFFERS;
  #seq = 0;

  constructor(readonly venName: string, private readonly vtn: Vtn, private readonly now: () => Date) {}

  #requestId(): string {
    return `${this.venName}-${++this.#seq}`;
  }

  #mustBeRegistered(): string {
    if (!this.venId) throw new StepError(`${this.venName} is not registered: add a register step before`);
    return this.venId;
  }

  async register(spec: NonNullable<ScenarioStep['register']>): Promise<Answer> {
    const reply = await this.vtn.dispatch('EiRegisterParty', {
      type: 'oadrCreatePartyRegistration', requestId: this.#requestId(), venName: this.venName,
      ...(spec.venId ? { venId: spec.venId } : {}),
      profileName: '2.0b', transportName: 'simpleHttp', reportOnly: false, xmlSignature: false, httpPullModel: true,
    }, spec.fingerprint ? { fingerprint: spec.fingerprint } : {});
    const answer = answerOf(reply);
    if (answer.code !== 200) return answer;
    this.venId = (reply as { venId?: string }).venId;
    this.#offers = spec.reports ?? DEFAULT_OFFERS;
    // Like a real VEN, register its reports right away: the report-subscription rules choose what to ask for.
    const reports = await this.vtn.dispatch('EiReport', { type: 'oadrRegisterReport', requestId: this.#requestId(), venId: this.#mustBeRegistered(), reports: this.#metadata() });
    const r = answerOf(reports);
    return r.code === 200 ? answer : { code: r.code, description: `registered, but its oadrRegisterReport got ${r.code}: ${r.description}` };
  }

  #metadata(): OadrReport[] {
    const byReport = new Map<string, ReportDescription[]>();
    for (const o of this.#offers) {
      const report = o.report ?? 'TELEMETRY_USAGE';
      const status = report === 'TELEMETRY_STATUS';
      byReport.set(report, [...(byReport.get(report) ?? []), {
        rId: o.rId, reportType: status ? 'x-resourceStatus' : 'usage', readingType: status ? 'x-notApplicable' : 'Direct Read',
        ...(o.resourceId ? { reportDataSource: { resourceIds: [o.resourceId] } } : {}),
        ...(o.measurement ? { itemBase: { kind: o.measurement, description: o.measurement, units: o.unit ?? '', ...(o.scale ? { siScaleCode: o.scale } : {}) } } : {}),
        samplingRate: { minPeriod: 60_000, maxPeriod: 3_600_000, onChange: false },
      }]);
    }
    return [...byReport].map(([report, descriptions]) => ({
      reportSpecifierId: report, reportRequestId: '0', reportName: `METADATA_${report}`, createdDateTime: this.now(),
      duration: 7_200_000, descriptions, intervals: [],
    }));
  }

  async telemetry(spec: NonNullable<ScenarioStep['telemetry']>): Promise<Answer> {
    const venId = this.#mustBeRegistered();
    const wanted = spec.rId ?? spec.measurement ?? 'powerReal';
    const offer = this.#offers.find((o) => (spec.rId ? o.rId === spec.rId : o.measurement === wanted));
    if (!offer) throw new StepError(`${this.venName} offers no data point ${wanted} (it offers: ${this.#offers.map((o) => o.rId).join(', ')})`);
    const subs = (await this.vtn.listReportSubscriptions(venId)).filter((s) => s.state !== 'cancelled');
    const sub = subs.find((s) => s.rIds.some((p) => p.rId === offer.rId));
    if (!sub) {
      const asked = subs.flatMap((s) => s.rIds.map((p) => p.rId)).sort();
      throw new StepError(`the policy did not subscribe to ${this.venName}'s ${offer.rId} (subscribed: ${asked.join(', ') || 'nothing'})`);
    }
    const at = this.now();
    const reply = await this.vtn.dispatch('EiReport', {
      type: 'oadrUpdateReport', requestId: this.#requestId(), venId,
      reports: [{
        reportSpecifierId: sub.reportSpecifierId, reportRequestId: sub.reportRequestId, reportName: sub.reportName, createdDateTime: at,
        dtstart: at, duration: 60_000, descriptions: [], intervals: [{ dtstart: at, duration: 60_000, payloads: [{ rId: offer.rId, value: spec.value }] }],
      }],
    });
    return answerOf(reply);
  }

  async opt(spec: NonNullable<ScenarioStep['opt']>): Promise<Answer> {
    const venId = this.#mustBeRegistered();
    const now = this.now();
    if (spec.schedule !== undefined) {
      if (spec.via === 'createdEvent') throw new StepError('an oadrCreatedEvent response is about an event: leave out schedule');
      return answerOf(await this.vtn.dispatch('EiOpt', this.#createOpt(spec, venId, { schedule: [{ dtstart: now, duration: parseDuration(spec.schedule) }] })));
    }
    const open = (await this.vtn.listEvents({ venId, withVens: false })).filter((v) => !CLOSED.has(v.status));
    const latest = open.sort((a, b) => a.event.createdDateTime.localeCompare(b.event.createdDateTime)).at(-1);
    if (!latest) throw new StepError(`${this.venName} has no open event to opt ${spec.type === 'optIn' ? 'in to' : 'out of'}`);
    const e = latest.event;
    if (spec.via === 'createdEvent') {
      return answerOf(await this.vtn.dispatch('EiEvent', {
        type: 'oadrCreatedEvent', venId, response: { responseCode: 200, requestId: '' },
        eventResponses: [{ responseCode: 200, requestId: '', eventId: e.eventId, modificationNumber: e.modificationNumber, optType: spec.type }],
      }));
    }
    return answerOf(await this.vtn.dispatch('EiOpt', this.#createOpt(spec, venId, { event: { eventId: e.eventId, modificationNumber: e.modificationNumber } })));
  }

  #createOpt(spec: NonNullable<ScenarioStep['opt']>, venId: string, about: object): OadrMessage {
    const id = this.#requestId();
    return {
      type: 'oadrCreateOpt', optId: `opt-${id}`, optType: spec.type, optReason: spec.reason ?? 'economic', venId,
      createdDateTime: this.now(), requestId: id, target: { venIds: [venId] }, ...about,
    };
  }
}
