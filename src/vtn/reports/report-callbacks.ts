// Value callbacks chosen by report decisions, per (reportRequestID, rID). Code cannot be persisted: after a
// restart values still reach the telemetry store and the onTelemetry / onUpdateReport hooks.
import type { ReportCallback, ReportValue } from './handler-types.js';

export class ReportCallbacks {
  #byRequest = new Map<string, Map<string, ReportCallback>>();

  set(reportRequestId: string, callbacks: Map<string, ReportCallback>): void {
    if (callbacks.size) this.#byRequest.set(reportRequestId, callbacks);
  }

  delete(reportRequestId: string): void {
    this.#byRequest.delete(reportRequestId);
  }

  /** Calls each rID's callback with its values; failures go to onError and do not stop the others. */
  async deliver(values: readonly ReportValue[], onError: (err: unknown, reportRequestId: string) => void): Promise<void> {
    const groups = new Map<ReportCallback, ReportValue[]>();
    for (const v of values) {
      const cb = this.#byRequest.get(v.reportRequestId)?.get(v.rId);
      if (!cb) continue;
      const list = groups.get(cb);
      if (list) list.push(v);
      else groups.set(cb, [v]);
    }
    for (const [cb, list] of groups) {
      try {
        await cb(list);
      } catch (err) {
        onError(err, list[0]!.reportRequestId);
      }
    }
  }
}
