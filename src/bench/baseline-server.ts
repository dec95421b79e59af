// The baseline: a bare fastify endpoint that parses the same poll XML with fast-xml-parser and answers a fixed
// oadrResponse. What the VTN adds on top of it (validation, dispatch, state, encoding) is the measured overhead.
import Fastify from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { serveIpc } from './child-ipc.js';
import { okResponseXml } from './xml-bodies.js';

export interface BaselineReady { baseUrl: string; path: string }

export const BASELINE_PATH = '/OpenADR2/Simple/2.0b/OadrPoll';

// The options OpenADR needs (library notes): attributes kept, text never coerced to numbers.
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
const reply = okResponseXml('baseline');

const app = Fastify({ logger: false, keepAliveTimeout: 65_000 });
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
app.post(BASELINE_PATH, async (req, res) => {
  const doc = parser.parse(String(req.body)) as Record<string, Record<string, Record<string, unknown>>>;
  if (!doc['oadr:oadrPayload']?.['oadr:oadrSignedObject']?.['oadr:oadrPoll']) return res.code(400).send('not an oadrPoll');
  return res.code(200).header('content-type', 'application/xml; charset=utf-8').send(reply);
});
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
serveIpc({}, { baseUrl: `http://127.0.0.1:${port}`, path: BASELINE_PATH } satisfies BaselineReady, () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
});
