// Checks of rule files a schema cannot make: facts per trigger, fact params, templates, groups, durations,
// duplicate names, and templated events of one rule that would overlap.
import { parseDuration } from '../../oadr/duration.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { didYouMean } from '../files/closest-match.js';
import { positionOf, type JsonPath, type JsonSource } from '../files/json-source.js';
import type { Problem, PolicyProblemCode, Severity } from '../files/problem.js';
import { durationProblem } from '../files/duration-words.js';
import { FACTS, TRIGGERS, allParams, factSpec, requiredParams, type Trigger } from '../facts/fact-catalogue.js';
import { checkConditionValue } from './check-condition-value.js';
import type { EventTemplate, TemplateSet } from '../templates/index.js';
import { isFactCondition, type Condition, type CreateEventSpec, type RuleFile, type ThenSpec } from './rule-types.js';

export interface RuleCheckContext {
  catalogue: Catalogue;
  templates: TemplateSet;
  /** Rule names seen in earlier files, with their file. */
  seenNames: Map<string, string>;
}

/** A template's own length: its duration, else the sum of its intervals when all are timed. */
function templateLength(t: EventTemplate): number | undefined {
  if (t.duration !== undefined) return parseDuration(t.duration);
  const timed = t.signal.intervals.every((iv) => iv.duration !== undefined);
  return timed ? t.signal.intervals.reduce((s, iv) => s + parseDuration(iv.duration!), 0) : undefined;
}

/** Also run on a file its schema refused (so every problem shows at once): each shape is looked at before it is used. */
export function checkRuleFile(src: JsonSource, ctx: RuleCheckContext): Problem[] {
  const file = src.data as RuleFile;
  const out: Problem[] = [];
  if (!file || !TRIGGERS.includes(file.trigger as Trigger) || !Array.isArray(file.rules)) return out;
  const add = (path: JsonPath, code: PolicyProblemCode, message: string, suggestion?: string, severity: Severity = 'error', key = false): void => {
    out.push({ file: src.file, ...positionOf(src, path, key), code, severity, message, ...(suggestion ? { suggestion } : {}) });
  };
  const factNames = FACTS[file.trigger].map((s) => s.name);

  const walk = (c: Condition, path: JsonPath): void => {
    if (!isObject(c)) return;
    if (isFactCondition(c)) {
      const spec = factSpec(file.trigger, c.fact);
      if (!spec) {
        const elsewhere = Object.entries(FACTS).filter(([, specs]) => specs.some((s) => s.name === c.fact)).map(([t]) => t);
        const suggestion = didYouMean(c.fact, factNames) ?? (elsewhere.length ? `${c.fact} is a fact of ${elsewhere.join(', ')} rules` : `facts of ${file.trigger} rules: ${factNames.join(', ')}`);
        add([...path, 'fact'], 'P_UNKNOWN_FACT', `unknown fact "${c.fact}" for ${file.trigger} rules`, suggestion);
        return;
      }
      const wrong = checkConditionValue(spec, c);
      if (wrong) add([...path, 'value', ...wrong.at], 'P_VALUE_TYPE', wrong.message, wrong.suggestion);
      const params = isObject(c.params) ? c.params : {};
      for (const p of requiredParams(spec)) if (params[p] === undefined) add([...path, 'fact'], 'P_FACT_PARAMS', `fact ${c.fact} needs params.${p}`, `params: { ${allParams(spec).map((n) => `"${n}": …`).join(', ')} }`);
      for (const p of Object.keys(params)) {
        if (!allParams(spec).includes(p)) add([...path, 'params', p], 'P_FACT_PARAMS', `fact ${c.fact} takes no parameter "${p}"`, didYouMean(p, allParams(spec)) ?? (allParams(spec).length ? `it takes: ${allParams(spec).join(', ')}` : 'it takes none'), 'error', true);
      }
      if (typeof params.window === 'string') checkDuration(params.window, [...path, 'params', 'window']);
      if (typeof params.group === 'string' && !ctx.catalogue.groups().has(params.group)) unknownGroup(params.group, [...path, 'params', 'group']);
      return;
    }
    for (const k of ['all', 'any'] as const) if (Array.isArray(c[k])) c[k].forEach((child, i) => walk(child, [...path, k, i]));
    if (c.not) walk(c.not, [...path, 'not']);
  };

  function checkDuration(text: unknown, path: JsonPath): number | undefined {
    const problem = durationProblem(text);
    if (!problem) return parseDuration(text as string);
    // A value of another type is the schema's to report.
    if (typeof text === 'string') add(path, 'P_DURATION', problem.message, problem.suggestion);
    return undefined;
  }

  function unknownGroup(group: string, path: JsonPath): void {
    const groups = [...ctx.catalogue.groups()];
    add(path, 'P_UNKNOWN_GROUP', `no VEN in config/vens.json belongs to group "${group}"`, didYouMean(group, groups) ?? (groups.length ? `known groups: ${groups.join(', ')}` : undefined), 'warning');
  }

  function checkCreate(spec: CreateEventSpec, path: JsonPath): { start: number; end: number; marketContext: string; groups: string[] } | undefined {
    const template = ctx.templates.get(spec.template);
    if (!template) {
      add([...path, 'template'], 'P_UNKNOWN_TEMPLATE', `unknown template "${spec.template}"`, didYouMean(spec.template, [...ctx.templates.keys()]) ?? `config/templates.json defines: ${[...ctx.templates.keys()].join(', ') || 'none'}`);
    }
    if (!isObject(spec)) return undefined;
    if (Array.isArray(spec.targets?.groups)) spec.targets.groups.forEach((g, i) => { if (!ctx.catalogue.groups().has(g)) unknownGroup(g, [...path, 'targets', 'groups', i]); });
    const start = spec.startIn !== undefined ? checkDuration(spec.startIn, [...path, 'startIn']) : 0;
    const duration = spec.duration !== undefined ? checkDuration(spec.duration, [...path, 'duration']) : template ? templateLength(template) : undefined;
    if (template?.signal.name === 'SIMPLE' && typeof spec.level === 'number' && ![0, 1, 2, 3].includes(spec.level)) {
      add([...path, 'level'], 'P_SIMPLE_PAYLOAD', `SIMPLE level ${spec.level} is out of range`, 'use 0, 1, 2 or 3');
    }
    if (template && duration !== undefined && spec.duration !== undefined && template.signal.intervals.length > 1) {
      const sum = template.signal.intervals.reduce((s, iv) => s + (iv.duration ? parseDuration(iv.duration) : 0), 0);
      if (sum !== duration) add([...path, 'duration'], 'P_INTERVAL_SUM', `template ${template.name} has intervals adding up to ${sum / 60_000} min, not ${spec.duration}`, 'leave duration out or change the template');
    }
    if (!template || start === undefined || duration === undefined) return undefined;
    const program = template.program ? ctx.catalogue.program(template.program) : undefined;
    return { start, end: duration === 0 ? Infinity : start + duration, marketContext: template.marketContext ?? program?.marketContext ?? '', groups: spec.targets?.groups ?? [] };
  }

  file.rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const path: JsonPath = ['rules', i];
    const earlier = ctx.seenNames.get(rule.name);
    if (typeof rule.name !== 'string') {
      // unnamed: the schema said so
    } else if (earlier !== undefined) add([...path, 'name'], 'P_DECISION', `rule name "${rule.name}" is used twice (also in ${earlier})`, 'rule names must be unique: decisions and events record them');
    else ctx.seenNames.set(rule.name, src.file);
    const top = rule.conditions as Record<string, unknown>;
    if (!isObject(top)) {
      // not an object: the schema said so
    } else if (!('all' in top) && !('any' in top) && !('not' in top)) {
      add([...path, 'conditions'], 'P_SCHEMA', 'conditions must start with all, any or not', 'wrap the condition: { "all": [ … ] }');
    } else walk(rule.conditions, [...path, 'conditions']);
    const then: ThenSpec = isObject(rule.then) ? rule.then : {};
    if (then.acceptRegistration && then.rejectRegistration) add([...path, 'then'], 'P_DECISION', 'a rule cannot both accept and reject a registration', 'split it into two rules');
    if (then.subscribe && then.ignore) add([...path, 'then'], 'P_DECISION', 'a rule cannot both subscribe and ignore', 'keep one of them');
    if (then.acceptRegistration?.pollFreq) checkDuration(then.acceptRegistration.pollFreq, [...path, 'then', 'acceptRegistration', 'pollFreq']);
    if (then.setPollFrequency) checkDuration(then.setPollFrequency, [...path, 'then', 'setPollFrequency']);
    if (then.subscribe) {
      checkDuration(then.subscribe.samplingInterval, [...path, 'then', 'subscribe', 'samplingInterval']);
      if (then.subscribe.reportingInterval) checkDuration(then.subscribe.reportingInterval, [...path, 'then', 'subscribe', 'reportingInterval']);
    }
    const added = then.modifyEvent?.addTargets?.groups;
    if (Array.isArray(added)) added.forEach((g, j) => { if (!ctx.catalogue.groups().has(g)) unknownGroup(g, [...path, 'then', 'modifyEvent', 'addTargets', 'groups', j]); });
    const creates = then.createEvent === undefined ? [] : Array.isArray(then.createEvent) ? then.createEvent : [then.createEvent];
    const planned = creates.map((c, j) => checkCreate(c, Array.isArray(then.createEvent) ? [...path, 'then', 'createEvent', j] : [...path, 'then', 'createEvent']));
    planned.forEach((a, j) => planned.slice(j + 1).forEach((b, k) => {
      if (!a || !b || a.marketContext !== b.marketContext || !a.groups.some((g) => b.groups.includes(g))) return;
      if (a.start < b.end && b.start < a.end) {
        add([...path, 'then', 'createEvent', j + k + 1], 'P_EVENT_OVERLAP', `events ${j + 1} and ${j + k + 2} of this rule overlap in time in market context ${a.marketContext || '(default)'} for the same group`, 'start the second one after the first ends (startIn), or merge them');
      }
    }));
  });
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
