/** Names a user chooses (pools, tenants) are looked up as own keys: `constructor` is a pool or tenant like any other. Budgets cap the starting fleet too. */
import { expect, test } from 'vitest';
import { runPolicy } from '../../sim-engine/run/index.js';
import { loadScenario } from '../../sim-engine/scenario/loader.js';

const load = (yaml: string) => {
  const r = loadScenario(yaml, 'x.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.scenario;
};
const pools = `fleet:
  pools:
    - { name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1, max: 10 }
    - { name: constructor, accelerator: nvidia-a100-80gb, perNode: 8, initial: 2, max: 10 }
`;

test('a static fleet keeps the initial nodes of a pool called constructor when nodes names only the others', () => {
  const s = load(`name: x\nseed: 1\nhorizon: 1h\nworkload: [{ kind: synthetic, arrivals: { ratePerHour: 1 }, accelerators: 1, duration: 1m }]\n${pools}policies: [{ name: p, autoscaler: { kind: static, nodes: { a: 3 } } }]\n`);
  const r = runPolicy(s, 0, 1, new Map());
  expect(r.byPool.map((p) => p.nodeHoursBilled)).toEqual([3, 2]);
});

test('fair-share serves a tenant called constructor', () => {
  const w = (t: string) => `  - { kind: synthetic, tenant: ${t}, arrivals: { ratePerHour: 20 }, accelerators: 8, duration: 1h }\n`;
  const s = load(`name: x\nseed: 1\nhorizon: 2d\nworkload:\n${w('alice')}${w('constructor')}${pools}policies: [{ name: p, scheduler: fair-share, autoscaler: { kind: static } }]\n`);
  const r = runPolicy(s, 0, 1, new Map());
  const busy = new Map(r.byTenant.map((t) => [t.tenant, t.acceleratorHoursBusy]));
  expect(busy.get('constructor')!).toBeGreaterThan(0.4 * (busy.get('alice')! + busy.get('constructor')!));
});

test('a budget whose inner policy starts over the cap is bad input, with the starting cost', () => {
  const r = loadScenario(`name: x\nseed: 1\nhorizon: 1d\nworkload: [{ kind: synthetic, arrivals: { ratePerHour: 1 }, accelerators: 1, duration: 1m }]\nfleet: { pools: [{ name: a, accelerator: nvidia-a100-80gb, perNode: 8, initial: 1, max: 20 }] }\npolicies: [{ name: b, autoscaler: { kind: budget, maxUsdPerHour: 50, inner: { kind: static, nodes: { a: 10 } } } }]\n`, 'x.yaml');
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.issues[0]!.message).toMatch(/already costs \$405\.60 per hour, over the cap: .* \(got 50\)/);
});
