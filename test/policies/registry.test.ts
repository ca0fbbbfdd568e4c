import { describe, expect, test } from 'vitest';
import { reactiveAutoscaler, reactiveParams } from '../../sim-engine/policies/autoscaling/reactive.js';
import { staticAutoscaler } from '../../sim-engine/policies/autoscaling/static.js';
import { paramDefaults, paramFields } from '../../sim-engine/policies/params.js';
import { builtinPolicyRegistry, policyRegistry, PolicyRegistry } from '../../sim-engine/policies/registry.js';
import { easyBackfillScheduler } from '../../sim-engine/policies/scheduling/easy-backfill.js';
import { fifoScheduler } from '../../sim-engine/policies/scheduling/fifo.js';
import { sjfScheduler } from '../../sim-engine/policies/scheduling/sjf.js';
import { formatIssue, loadScenario } from '../../sim-engine/scenario/loader.js';
import { scenarioSchema } from '../../sim-engine/scenario/schema.js';
import { holdAutoscaler, registryWithHold } from './test-doubles.js';

const scenario = (policies: string, extra = '') => `name: t
seed: 1
horizon: 1d
${extra}workload:
  - kind: synthetic
    arrivals: { process: poisson, ratePerHour: 5 }
    accelerators: 1
    duration: { dist: exponential, mean: 1h }
fleet:
  pools:
    - name: a100
      accelerator: nvidia-a100-80gb
      perNode: 8
      initial: 2
      max: 4
policies:
${policies}`;

const issues = (text: string, schema = scenarioSchema(policyRegistry)) => {
  const r = loadScenario(text, 't.yaml', schema);
  return r.ok ? [] : r.issues.map(formatIssue);
};

describe('policy registry', () => {
  test('registering a name twice throws, naming the key', () => {
    expect(() => builtinPolicyRegistry().registerAutoscaler(reactiveAutoscaler)).toThrow('policy registry: autoscaler/reactive is registered twice');
    expect(() => builtinPolicyRegistry().registerScheduler(fifoScheduler)).toThrow('policy registry: scheduler/fifo is registered twice');
    expect(() => new PolicyRegistry().registerAutoscaler(staticAutoscaler).registerAutoscaler(staticAutoscaler)).toThrow('autoscaler/static');
  });

  test('lists the built-ins in registration order, with one-line descriptions', () => {
    expect(policyRegistry.schedulers.map((d) => d.name)).toEqual(['fifo', 'sjf', 'easy-backfill', 'priority', 'fair-share']);
    expect(policyRegistry.placements.map((d) => d.name)).toEqual(['first-fit', 'best-fit', 'spread']);
    expect(policyRegistry.autoscalers.map((d) => d.name)).toEqual(['static', 'reactive', 'target-tracking', 'backlog', 'scheduled', 'predictive', 'spot-fallback', 'budget']);
    for (const d of [...policyRegistry.schedulers, ...policyRegistry.placements, ...policyRegistry.autoscalers]) expect(d.description).toMatch(/^[^\n]{10,200}$/);
  });

  test('each params schema applies its defaults', () => {
    expect(reactiveParams.parse({})).toEqual({ scaleUpAfterWait: 600, scaleDownAfterIdle: 1800, tick: 60 });
    expect(staticAutoscaler.params.parse({})).toEqual({});
    expect(fifoScheduler.params.parse({})).toEqual({});
    expect(sjfScheduler.params.parse({})).toEqual({ estimate: 'exact' });
    expect(easyBackfillScheduler.params.parse({ estimate: { error: 0.3 } })).toEqual({ estimate: { error: 0.3 } });
    expect(easyBackfillScheduler.params.safeParse({ estimate: 'guess' }).success).toBe(false);
    expect(paramDefaults(reactiveParams)).toEqual({ scaleUpAfterWait: '10m', scaleDownAfterIdle: '30m', tick: '60s' });
  });

  test('parameter fields are read from the schema shape', () => {
    expect(paramFields(reactiveParams).map((f) => [f.name, f.kind])).toEqual([['scaleUpAfterWait', 'duration'], ['scaleDownAfterIdle', 'duration'], ['tick', 'duration']]);
    expect(paramFields(staticAutoscaler.params)).toEqual([{ name: 'nodes', kind: 'pool-counts', description: expect.any(String) }]);
    expect(paramFields(holdAutoscaler.params).map((f) => [f.name, f.kind, f.default])).toEqual([['every', 'duration', '5m'], ['mode', 'enum', 'quiet'], ['dryRun', 'boolean', false]]);
  });

  test('creates policies from parsed references; static sets the initial nodes through its hook', () => {
    const r = policyRegistry.createAutoscaler({ kind: 'reactive', scaleUpAfterWait: 600, scaleDownAfterIdle: 1800, tick: 30 });
    expect([r.name, r.firstWakeS(), r.initialNodes]).toEqual(['reactive', 0, undefined]);
    expect(registryWithHold().createAutoscaler({ kind: 'hold', every: 45 }).firstWakeS()).toBe(45);
    const s = policyRegistry.createAutoscaler({ kind: 'static', nodes: { a100: 3 } });
    expect(s.name).toBe('static');
    expect(s.initialNodes?.({ name: 'a100', initial: 2, max: 4 })).toBe(3);
    expect(s.initialNodes?.({ name: 'h100', initial: 2, max: undefined })).toBeUndefined();
    expect(policyRegistry.createScheduler({ kind: 'fifo' })).toMatchObject({ name: 'fifo', placement: { name: 'first-fit' } });
    expect(policyRegistry.createPlacement({ kind: 'first-fit' }).name).toBe('first-fit');
    expect(policyRegistry.createScheduler({ kind: 'fifo', placement: 'best-fit', poolOrder: 'cheapest' })).toMatchObject({ name: 'fifo', placement: { name: 'best-fit', needsFreeBuckets: true } });
    expect(policyRegistry.createPlacement({ kind: 'spread' })).toMatchObject({ name: 'spread' });
    expect(policyRegistry.createPlacement({ kind: 'spread' }).needsFreeBuckets).toBeUndefined(); // only best-fit makes the engine keep buckets
    expect(() => policyRegistry.createAutoscaler({ kind: 'nope' })).toThrow('policy registry: no autoscaler/nope');
  });
});

describe('the scenario schema derived from the registry', () => {
  test('autoscaler parameters parse to { kind, ...params } with defaults', () => {
    const r = loadScenario(scenario('  - name: r\n    autoscaler: { kind: reactive, tick: 2m }\n'), 't.yaml');
    expect(r.ok && r.scenario.policies[0]!.autoscaler).toEqual({ kind: 'reactive', scaleUpAfterWait: 600, scaleDownAfterIdle: 1800, tick: 120 });
  });

  test('an unknown kind is a clear issue with a did-you-mean', () => {
    expect(issues(scenario('  - name: r\n    autoscaler: { kind: reactiv }\n'))).toEqual(['t.yaml:18:25: policies[0].autoscaler.kind: unknown autoscaler kind "reactiv" — did you mean "reactive"?']);
    expect(issues(scenario('  - name: r\n    scheduler: { kind: fifoo }\n    autoscaler: { kind: static }\n'))).toEqual(['t.yaml:18:24: policies[0].scheduler.kind: unknown scheduler kind "fifoo" — did you mean "fifo"?']);
  });

  test('scheduler: fifo and scheduler: { kind: fifo } parse to the same thing, top level and per policy', () => {
    const parsed = (extra: string, own: string) => {
      const r = loadScenario(scenario(`  - name: p\n${own}    autoscaler: { kind: static }\n`, extra), 't.yaml');
      if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
      return [r.scenario.scheduler, r.scenario.policies[0]!.scheduler];
    };
    const fifo = { kind: 'fifo', placement: 'first-fit', poolOrder: 'fleet' }; // every scheduler takes a placement and a pool order
    expect(parsed('', '')).toEqual([fifo, undefined]);
    expect(parsed('scheduler: fifo\n', '    scheduler: fifo\n')).toEqual([fifo, fifo]);
    expect(parsed('scheduler: { kind: fifo }\n', '    scheduler: { kind: fifo }\n')).toEqual([fifo, fifo]);
    expect(parsed('scheduler: { kind: fifo, poolOrder: cheapest }\n', '')).toEqual([{ ...fifo, poolOrder: 'cheapest' }, undefined]);
  });

  test("static's cross-field check (its validate hook) keeps its messages, paths and lines", () => {
    expect(issues(scenario('  - name: s\n    autoscaler:\n      kind: static\n      nodes: { a10: 3 }\n'))).toEqual(['t.yaml:20:21: policies[0].autoscaler.nodes.a10: unknown pool (got "a10"; pools: a100) — did you mean "a100"?']);
    expect(issues(scenario('  - name: s\n    autoscaler:\n      kind: static\n      nodes:\n        a100: 9\n'))).toEqual(["t.yaml:21:15: policies[0].autoscaler.nodes.a100: nodes must be ≤ the pool's max (4) (got 9)"]);
  });

  test('a policy registered in a test registry appears in the schema built from it, and only there', () => {
    const text = scenario('  - name: h\n    autoscaler: { kind: hold, mode: loud }\n');
    const r = loadScenario(text, 't.yaml', scenarioSchema(registryWithHold()));
    expect(r.ok && r.scenario.policies[0]!.autoscaler).toEqual({ kind: 'hold', every: 300, mode: 'loud', dryRun: false });
    expect(issues(scenario('  - name: h\n    autoscaler: { kind: hold, mood: loud }\n'), scenarioSchema(registryWithHold()))).toEqual(['t.yaml:18:31: policies[0].autoscaler.mood: unknown key "mood" — did you mean "mode"?']);
    expect(issues(text)).toEqual(['t.yaml:18:25: policies[0].autoscaler.kind: unknown autoscaler kind "hold" (expected one of: static, reactive, target-tracking, backlog, scheduled, predictive, spot-fallback, budget)']);
  });
});
