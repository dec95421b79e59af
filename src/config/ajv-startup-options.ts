// Ajv options for the schemas every start compiles (config, rules, schedules, clients): measured on this 2-core
// machine, compiling the six shipped file schemas took 690–880 ms with Ajv's defaults and 270–310 ms with these.
// The schemas are ours: test/unit/config/shipped-schemas.test.ts checks each against the JSON Schema meta-schema,
// so the VTN need not do it on every start (validateSchema), and code it runs a few times needs no optimiser passes.
export const STARTUP_AJV_OPTIONS = { validateSchema: false, code: { optimize: false } } as const;
