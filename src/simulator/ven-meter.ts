// Readings of one simulated VEN: power from its load curve, an energy register that integrates it, status.
import type { OadrReport, ReportPayload } from '../oadr/model.js';
import { sampleKw, type LoadShape } from './load-curve.js';
import type { DueReport, DueSlot } from './report-jobs.js';
import { RID } from './report-offers.js';

export class VenMeter {
  readonly shape: LoadShape;
  readonly #random: () => number;
  readonly #curtailing: (at: Date) => boolean;
  /** kWh register; starts at a random reading so meters differ. */
  #energyKwh: number;

  constructor(shape: LoadShape, random: () => number, curtailing: (at: Date) => boolean) {
    this.shape = shape;
    this.#random = random;
    this.#curtailing = curtailing;
    this.#energyKwh = Math.round(random() * 50_000);
  }

  /** Payloads for one slot; the power value is the reading at the slot's middle. */
  payloads(rIds: readonly string[], slot: DueSlot): ReportPayload[] {
    const durationMs = slot.durationMs ?? 0;
    const mid = new Date(slot.start.getTime() + durationMs / 2);
    const kw = sampleKw(this.shape, mid, this.#curtailing(mid), this.#random);
    this.#energyKwh += (kw * durationMs) / 3_600_000;
    return rIds.map((rId): ReportPayload => {
      if (rId === RID.power) return { rId, value: kw, confidence: 95, accuracy: 0.5 };
      if (rId === RID.energy) return { rId, value: Math.round(this.#energyKwh * 1000) / 1000, confidence: 100 };
      return { rId, value: { online: true, manualOverride: false } };
    });
  }

  /** The data report (TELEMETRY_*) for what a request owes now. */
  report(due: DueReport, now: Date): OadrReport {
    const { job, slots } = due;
    const first = slots[0]?.start ?? now;
    const last = slots.at(-1);
    const span = last ? last.start.getTime() + (last.durationMs ?? 0) - first.getTime() : 0;
    return {
      reportId: `${job.reportRequestId}-${now.getTime()}`,
      reportSpecifierId: job.reportSpecifierId,
      reportRequestId: job.reportRequestId,
      // The simulator's reportSpecifierIDs are the data report names themselves (TELEMETRY_USAGE, TELEMETRY_STATUS).
      reportName: job.reportSpecifierId,
      createdDateTime: now,
      dtstart: first,
      duration: span,
      descriptions: [],
      intervals: slots.map((slot) => ({
        dtstart: slot.start,
        ...(slot.durationMs !== undefined ? { duration: slot.durationMs } : {}),
        payloads: this.payloads(job.rIds, slot),
      })),
    };
  }
}

