// Per-VEN delivery and opt state of one event, and the counts of it: one read for the whole audience.
import { deliveryKey } from '../store/store.js';
import type { EventView, Vtn } from '../vtn/vtn.js';

export type OptView = EventView['vens'][number];
export type DeliveryView = OptView & { deliveredStatus?: string; respondedAt?: string; delivered: boolean };

export async function deliveriesOf(vtn: Vtn, view: EventView, limit?: number): Promise<DeliveryView[]> {
  const { event } = view;
  const vens = limit === undefined ? view.vens : view.vens.slice(0, limit);
  const deliveries = await vtn.store.unit((u) => u.deliveries.getMany(vens.map((o) => deliveryKey(event.eventId, o.venId))), { label: 'admin delivery read' });
  return vens.map((opt) => {
    const d = deliveries.get(deliveryKey(event.eventId, opt.venId));
    return {
      ...opt,
      ...(d?.deliveredStatus ? { deliveredStatus: d.deliveredStatus } : {}),
      ...(d?.respondedAt ? { respondedAt: d.respondedAt } : {}),
      delivered: d?.deliveredModification === event.modificationNumber,
    };
  });
}

/** The counts the dashboard shows per event (the same words as its per-VEN list). */
export function deliverySummary(list: readonly DeliveryView[]): { total: number; delivered: number; optIn: number; optOut: number; noAnswer: number; refused: number } {
  const out = { total: list.length, delivered: 0, optIn: 0, optOut: 0, noAnswer: 0, refused: 0 };
  for (const d of list) {
    if (d.delivered) out.delivered++;
    const opt = d.effective ?? d.response ?? d.scheduled;
    if (d.responseCode !== undefined && d.responseCode !== 200) out.refused++;
    else if (opt === 'optIn') out.optIn++;
    else if (opt === 'optOut') out.optOut++;
    else out.noAnswer++;
  }
  return out;
}
