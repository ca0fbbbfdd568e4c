import { describe, expect, test } from 'vitest';
import { policiesJson, policiesText } from '../../sim-engine/cli/policies-command.js';
import { policyRegistry } from '../../sim-engine/policies/registry.js';
import { cli } from '../helpers.js';
import { registryWithHold } from '../policies/test-doubles.js';

describe('fleetlab policies', () => {
  test('--json prints { schedulers, placements, autoscalers } of { name, params, description }', async () => {
    const r = await cli(['policies', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['schedulers', 'placements', 'autoscalers']);
    for (const list of Object.values(j) as { name: string; params: unknown; description: string }[][]) {
      for (const e of list) expect(Object.keys(e)).toEqual(['name', 'params', 'description']);
    }
    const names = (list: { name: string }[]) => list.map((e) => e.name);
    expect(names(j.schedulers)).toEqual(policyRegistry.schedulers.map((d) => d.name));
    expect(names(j.schedulers)).toEqual(expect.arrayContaining(['fifo', 'sjf', 'easy-backfill', 'priority', 'fair-share']));
    expect(names(j.placements)).toEqual(policyRegistry.placements.map((d) => d.name));
    expect(names(j.placements)).toEqual(['first-fit', 'best-fit', 'spread']);
    expect(names(j.autoscalers)).toEqual(policyRegistry.autoscalers.map((d) => d.name));
    expect(names(j.autoscalers).slice(0, 2)).toEqual(['static', 'reactive']);
    // params is JSON Schema of what a scenario writes: durations are number|string, defaults appear.
    expect(j.autoscalers[1].params.properties.tick).toEqual({ description: 'how often it decides', default: '60s', type: ['number', 'string'] });
    expect(j.autoscalers[1].params.additionalProperties).toBe(false);
    expect(j.placements[0].params).toEqual({ type: 'object', properties: {}, additionalProperties: false });
    // Every scheduler takes a placement (any registered one) and a pool order, before its own parameters.
    for (const sch of j.schedulers) {
      expect(Object.keys(sch.params.properties).slice(0, 2)).toEqual(['placement', 'poolOrder']);
      expect(sch.params.properties.placement).toMatchObject({ default: 'first-fit', enum: names(j.placements) });
      expect(sch.params.properties.poolOrder).toMatchObject({ default: 'fleet', enum: ['fleet', 'cheapest', 'fastest'] });
    }
    const priority = j.schedulers.find((e: { name: string }) => e.name === 'priority');
    expect(priority.params.properties.preempt).toMatchObject({ type: 'boolean', default: false });
  });

  test('the text output lists every policy with its description and parameters', async () => {
    const r = await cli(['policies']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    for (const d of [...policyRegistry.schedulers, ...policyRegistry.placements, ...policyRegistry.autoscalers]) {
      expect(lines.filter((l) => l.startsWith(`  ${d.name} `) && l.endsWith(`  ${d.description}`))).toHaveLength(1);
    }
    expect(r.stdout).toMatch(/scaleUpAfterWait\s+duration, default 10m — add nodes when a job waited this long/);
    expect(r.stdout).toMatch(/nodes\s+counts per pool, optional/);
  });

  test('a policy registered in a registry appears in its listing', () => {
    const reg = registryWithHold();
    expect(policiesJson(reg).autoscalers.map((e) => e.name)).toEqual([...policyRegistry.autoscalers.map((d) => d.name), 'hold']);
    expect(policiesJson(reg).autoscalers.at(-1)!.params).toMatchObject({ properties: { mode: { enum: ['quiet', 'loud'], default: 'quiet' }, dryRun: { type: 'boolean', default: false } } });
    expect(policiesText(reg)).toMatch(/hold\s+Test double: ticks and never changes the fleet\.\n\s+every\s+duration, default 5m — how often it looks\n\s+mode\s+quiet \| loud, default quiet\n\s+dryRun\s+boolean, default false/);
  });
});
