// The load generator's process: runs one load job at a time for the runner, apart from the server under test.
import { serveIpc } from './child-ipc.js';
import { runFanout, type FanoutJob } from './load-fanout.js';
import { runMax, type MaxJob } from './load-max.js';
import { runOnce, type OnceJob } from './load-once.js';
import { runRate, type RateJob } from './load-rate.js';
import { runRegister, type RegisterJob } from './load-register.js';
import { registerSigned, runSignedPolls, type SignedPollJob, type SignedSetupJob } from './load-signed.js';

serveIpc({
  max: (job: MaxJob) => runMax(job),
  once: (job: OnceJob) => runOnce(job),
  rate: (job: RateJob) => runRate(job),
  fanout: (job: FanoutJob) => runFanout(job),
  register: (job: RegisterJob) => runRegister(job),
  registerSigned: (job: SignedSetupJob) => registerSigned(job),
  signedPolls: (job: SignedPollJob) => runSignedPolls(job),
}, { pid: process.pid });
