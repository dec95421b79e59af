// The shape of scenario files (rules/tests/*.scenario.json) after schema validation.

export type ExpectOutcome = 'accepted' | 'refused' | number;

export interface OfferSpec {
  report?: 'TELEMETRY_USAGE' | 'TELEMETRY_STATUS';
  rId: string;
  measurement?: string;
  unit?: string;
  scale?: string;
  resourceId?: string;
}

export interface EventExpectation {
  group?: string;
  ven?: string;
  signal?: string;
  level?: number;
  status?: string;
  marketContext?: string;
  rule?: string;
  count?: number;
}

export interface ScenarioStep {
  at?: string;
  advance?: string;
  ven?: string;
  register?: { venId?: string; fingerprint?: string; reports?: OfferSpec[] };
  telemetry?: { measurement?: string; rId?: string; value: number };
  opt?: { type: 'optIn' | 'optOut'; via?: 'createOpt' | 'createdEvent'; reason?: string; schedule?: string };
  expect?: ExpectOutcome;
  expectEvents?: EventExpectation[];
}

export interface Scenario {
  name: string;
  description?: string;
  start?: string;
  steps: ScenarioStep[];
}

export interface ScenarioFile {
  policy?: string;
  scenarios: Scenario[];
}

/** Scenario files are told apart from rule test files by their top-level `scenarios`. */
export const isScenarioFile = (data: unknown): boolean =>
  data !== null && typeof data === 'object' && !Array.isArray(data) && 'scenarios' in data;
