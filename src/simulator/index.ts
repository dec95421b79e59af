// Public surface of the VEN simulator (`vtn simulate`).
export { runSimulation, venNames } from './run-simulation.js';
export { resolveSimulationOptions, serviceBaseOf, DEFAULT_PREFIX, type SimulationOptions, type ResolvedSimulation } from './simulation-options.js';
export { formatSummary, type SimulationSummary } from './simulation-summary.js';
export { parseOptPolicy, type OptPolicy } from './opt-policy.js';
