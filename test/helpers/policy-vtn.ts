// A test VEN-facing VTN with the shipped policy installed from a scratch project folder, torn down after each test.
import { afterEach } from 'vitest';
import { installPolicy, type PolicyHandle } from '../../src/rules/index.js';
import type { VtnOptions } from '../../src/vtn/vtn-options.js';
import { policyProject, type PolicyProject } from '../unit/rules/policy-project.js';
import { startTestVtn, type RunningTestVtn } from './start-vtn.js';

export interface PolicyVtn {
  running: RunningTestVtn;
  project: PolicyProject;
  policy: PolicyHandle;
}

/** Registers the teardown; the returned function starts one VTN (with `options`) per call. */
export function policyVtnPerTest(): (options?: VtnOptions) => Promise<PolicyVtn> {
  let started: PolicyVtn | undefined;
  afterEach(async () => {
    started?.policy.close();
    await started?.running.close();
    started?.project.dispose();
    started = undefined;
  });
  return async (options = {}) => {
    const project = policyProject();
    const running = await startTestVtn(options);
    started = { running, project, policy: installPolicy(running.vtn, { baseDir: project.root }) };
    return started;
  };
}
