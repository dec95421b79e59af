// A webhook receiver in its own process for the fan-out scenario: answers every notification 200 at once and
// tells the runner how many arrived and when the last did.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveIpc } from './child-ipc.js';

let received = 0;
let lastAt = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST') {
      received++;
      lastAt = Date.now();
    }
    res.writeHead(200).end();
  });
});
server.keepAliveTimeout = 30_000;
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

serveIpc({
  count: () => ({ received, lastAt }),
}, { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, () => server.close(() => process.exit(0)));
