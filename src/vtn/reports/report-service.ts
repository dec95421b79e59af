// The EiReport service: message handlers and poll renderers, installed by the Vtn.
import type { OadrMessage } from '../../oadr/model.js';
import type { VtnContext } from '../context.js';
import type { MessageHandler } from '../dispatcher.js';
import { errorReply } from '../replies.js';
import { canceledReport, createdReport, registeredReport } from './report-acks.js';
import { registerReport } from './register-report.js';
import { renderCancelReport, renderCreateReport } from './request-report.js';
import { updateReport } from './update-report.js';

type Register = (type: OadrMessage['type'], handler: MessageHandler) => void;

export function installReportService(ctx: VtnContext, register: Register): void {
  register('oadrRegisterReport', async (c, m) => registerReport(c, m as Extract<OadrMessage, { type: 'oadrRegisterReport' }>));
  register('oadrUpdateReport', async (c, m) => updateReport(c, m as Extract<OadrMessage, { type: 'oadrUpdateReport' }>));
  register('oadrCreatedReport', async (c, m) => createdReport(c, m as Extract<OadrMessage, { type: 'oadrCreatedReport' }>));
  register('oadrCanceledReport', async (c, m) => canceledReport(c, m as Extract<OadrMessage, { type: 'oadrCanceledReport' }>));
  register('oadrRegisteredReport', async (c, m) => registeredReport(c, m as Extract<OadrMessage, { type: 'oadrRegisteredReport' }>));
  // The VTN registers no reports of its own (an empty METADATA registration), so requests for them fail.
  register('oadrCreateReport', async (c, m) => errorReply(m.type, 461, 'the VTN offers no reports', echo(c, m)));
  register('oadrCancelReport', async (c, m) => errorReply(m.type, 452, 'the VTN has no report requests from this VEN to cancel', echo(c, m)));
  ctx.pendingRenderers.set('createReport', renderCreateReport);
  ctx.pendingRenderers.set('cancelReport', renderCancelReport);
}

function echo(ctx: VtnContext, m: OadrMessage) {
  return { requestId: 'requestId' in m ? String(m.requestId) : '', venId: 'venId' in m ? m.venId : undefined, vtnId: ctx.settings.vtnId };
}
