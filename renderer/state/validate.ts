/**
 * Immediate, field-level checks for what the editor lets you change. The full
 * schema check runs in the worker (`check()`, debounced); these rules mirror
 * its messages so the user sees the problem next to the field as they type.
 * Autoscalers and schedulers are checked by the policy registry's own schemas
 * (policy-problems.ts), so a new policy needs no rule here.
 */
import { PURCHASE_OPTIONS, type AcceleratorInfo } from './catalog';
import { parseDuration } from '../../sim-engine/core/duration';
import { editorProblems } from './editor-problems';
import { autoscalerProblems, policyContext, schedulerProblems } from './policy-problems';
import { pathKey, type ScenarioDoc } from './scenario-doc';

export interface FieldProblem {
  path: string;
  message: string;
}

const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v === undefined ? 'nothing' : String(v));
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function validateDoc(doc: ScenarioDoc, catalog: readonly AcceleratorInfo[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (path: (string | number)[], message: string) => out.push({ path: pathKey(path), message });

  const count = (path: (string | number)[], v: unknown, what: string, min = 0): number | null => {
    if (v === undefined) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      add(path, typeof v === 'number' ? `${what} must be a whole number ≥ ${min} (got ${v})` : `${what} must be a whole number (got ${show(v)})`);
      return null;
    }
    return v;
  };
  const duration = (path: (string | number)[], v: unknown, what: string, positive = false) => {
    if (v === undefined || isObj(v)) return;
    // The engine's own parser, so the editor accepts exactly what a run accepts (15min, 2H, 1e3...).
    const s = typeof v === 'number' || typeof v === 'string' ? parseDuration(v) : null;
    if (s === null) add(path, `${what}: expected a duration such as 90, "90s", "15m", "6h" or "7d" (got ${show(v)})`);
    else if (positive ? !(s > 0) : s < 0) add(path, `${what} must be ${positive ? '> 0' : '≥ 0'} (got ${show(v)})`);
  };

  if (typeof doc.name !== 'string' || doc.name.trim() === '') add(['name'], 'name is required');
  if (doc.seed === undefined) add(['seed'], 'seed is required: a whole number');
  else if (typeof doc.seed !== 'number' || !Number.isInteger(doc.seed)) add(['seed'], `seed must be a whole number (got ${show(doc.seed)})`);
  if (doc.horizon !== 'drain') duration(['horizon'], doc.horizon, 'horizon', true);
  if (doc.horizon === undefined) add(['horizon'], 'horizon is required (a duration such as "7d", or drain)');
  duration(['sampleEvery'], doc.sampleEvery, 'sampleEvery', true);
  duration(['warmup'], doc.warmup, 'warmup');
  if (isObj(doc.slo)) duration(['slo', 'maxQueueWait'], doc.slo.maxQueueWait, 'maxQueueWait');

  if (Array.isArray(doc.workload)) {
    doc.workload.forEach((w, i) => {
      if (!isObj(w)) return;
      if (isObj(w.arrivals) && w.arrivals.ratePerHour !== undefined) {
        const r = w.arrivals.ratePerHour;
        if (typeof r !== 'number' || !(r > 0)) add(['workload', i, 'arrivals', 'ratePerHour'], `ratePerHour must be > 0 (got ${show(r)})`);
      }
      if (w.loadScale !== undefined && (typeof w.loadScale !== 'number' || w.loadScale < 0))
        add(['workload', i, 'loadScale'], `loadScale must be ≥ 0 (got ${show(w.loadScale)})`);
    });
  }

  const fleet = doc.fleet;
  const pools = isObj(fleet) ? fleet.pools : undefined;
  if (!Array.isArray(pools) || pools.length === 0) add(['fleet', 'pools'], 'fleet needs at least one pool');
  else {
    const ids = new Set(catalog.map((a) => a.id));
    const names = new Set<string>();
    pools.forEach((p, i) => {
      if (!isObj(p)) return;
      const at = (k: string) => ['fleet', 'pools', i, k];
      if (typeof p.name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(p.name)) add(at('name'), `pool names use letters, digits, _ . - only (got ${show(p.name)})`);
      else if (names.has(p.name)) add(at('name'), `pool names must be unique (got ${show(p.name)} twice)`);
      else names.add(p.name);
      if (typeof p.accelerator !== 'string' || (ids.size > 0 && !ids.has(p.accelerator))) add(at('accelerator'), `unknown accelerator (got ${show(p.accelerator)})`);
      if (p.perNode === undefined) add(at('perNode'), 'perNode is required: accelerators per node');
      else count(at('perNode'), p.perNode, 'perNode', 1);
      if (p.purchase !== undefined && !(PURCHASE_OPTIONS as readonly string[]).includes(String(p.purchase)))
        add(at('purchase'), `purchase must be ${PURCHASE_OPTIONS.slice(0, -1).join(', ')} or ${PURCHASE_OPTIONS.at(-1)} (got ${show(p.purchase)})`);
      const initial = count(at('initial'), p.initial, 'initial') ?? 0;
      const min = count(at('min'), p.min, 'min') ?? 0;
      const maxRaw = count(at('max'), p.max, 'max');
      const max = maxRaw ?? Math.max(initial, min);
      if (min > max) add(at('min'), `min must be ≤ max (${max}) (got ${min})`);
      if (initial > max) add(at('initial'), `initial must be ≤ max (${max}) (got ${initial})`);
      duration(at('provisioning'), p.provisioning, 'provisioning');
    });
  }

  // Autoscalers and schedulers: checked by the policy registry's own schemas.
  const scope = policyContext(isObj(fleet) ? fleet.pools : undefined);
  schedulerProblems(doc.scheduler, scope, (path, message) => add(['scheduler', ...path], message));
  const policies = doc.policies;
  if (!Array.isArray(policies) || policies.length === 0) add(['policies'], 'policies needs at least one policy');
  else {
    const names = new Set<string>();
    policies.forEach((p, i) => {
      if (!isObj(p)) return;
      const at = (...k: string[]) => ['policies', i, ...k];
      if (typeof p.name !== 'string' || p.name.trim() === '') add(at('name'), 'a policy needs a name');
      else if (names.has(p.name)) add(at('name'), `policy names must be unique (got ${show(p.name)} twice)`);
      else names.add(p.name);
      autoscalerProblems(p.autoscaler, scope, (path, message) => add(['policies', i, 'autoscaler', ...path], message));
      schedulerProblems(p.scheduler, scope, (path, message) => add(['policies', i, 'scheduler', ...path], message));
    });
  }
  for (const p of editorProblems(doc)) if (!out.some((o) => o.path === p.path)) out.push(p);
  return out;
}
